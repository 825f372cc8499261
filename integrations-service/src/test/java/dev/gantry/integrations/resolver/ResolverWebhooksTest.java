package dev.gantry.integrations.resolver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.gantry.contracts.Topics;
import dev.gantry.integrations.webhooks.WebhookSignatures;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.auth.TestCallers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provider webhooks, shaped and signed as GitHub, GitLab and Bitbucket document them, through the intake and the
 * topic to the conversation they start and the comment that says so, with conversation-service and the providers'
 * APIs stood in by WireMock and a real Kafka broker in between.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(ResolverTestResource.class)
class ResolverWebhooksTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String START = "/internal/resolver/deliveries/%s/conversation";

    private final WireMockServer store = ResolverTestResource.store();
    private final WireMockServer provider = ResolverTestResource.provider();

    private final UUID githubConfiguration = UUID.randomUUID();
    private final UUID gitlabConfiguration = UUID.randomUUID();
    private final UUID bitbucketConfiguration = UUID.randomUUID();

    @BeforeEach
    void stubs() {
        store.resetAll();
        provider.resetAll();
        ResolverStubs.configure(store, provider, githubConfiguration, "github", "github.com", "acme/api");
        ResolverStubs.configure(store, provider, gitlabConfiguration, "gitlab", "gitlab.com", "acme/platform/web");
        ResolverStubs.configure(store, provider, bitbucketConfiguration, "bitbucket", "bitbucket.org", "acme/tools");
        store.stubFor(patch(urlPathEqualTo("/internal/resolver/jobs/" + CONVERSATION)).willReturn(okJson(
                ResolverStubs.job(CONVERSATION, githubConfiguration, "github", "x", "github.com", "acme/api", 7, false, true, false))));
        provider.stubFor(get(urlPathEqualTo("/repos/acme/api/issues/7/comments")).willReturn(okJson("""
                [{"id":1,"user":{"login":"bob","type":"User"},"body":"It fails on Windows too.","created_at":"2026-01-02T10:00:00Z"}]""")));
        provider.stubFor(post(urlPathEqualTo("/repos/acme/api/issues/7/comments"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\":99}")));
    }

    private static final UUID CONVERSATION = UUID.randomUUID();

    @Test
    void anIssueGivenTheLabelStartsAConversationWithTheIssueAndItsCommentsAndTheIssueIsToldWithALink() {
        String delivery = UUID.randomUUID().toString();
        startAnswers("github", delivery, 201, false);

        github("issues", delivery, labeledIssue("gantry")).then().statusCode(202);

        await().atMost(WAIT).untilAsserted(() -> provider.verify(postRequestedFor(urlPathEqualTo(
                "/repos/acme/api/issues/7/comments")).withHeader("Authorization", equalTo("Bearer " + ResolverStubs.GIT_TOKEN))
                .withRequestBody(matchingJsonPath("$.body", containing(
                        "https://gantry.example.com/conversations/" + CONVERSATION)))));
        store.verify(postRequestedFor(urlPathEqualTo(START.formatted("github")))
                .withRequestBody(matchingJsonPath("$.deliveryId", equalTo(delivery)))
                .withRequestBody(matchingJsonPath("$.configurationId", equalTo(githubConfiguration.toString())))
                .withRequestBody(matchingJsonPath("$.itemNumber", equalTo("7")))
                .withRequestBody(matchingJsonPath("$.pullRequest", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.title", equalTo("#7 Crash on an empty config")))
                .withRequestBody(matchingJsonPath("$.initialMessage", containing("Starting with an empty config.yml crashes.")))
                .withRequestBody(matchingJsonPath("$.initialMessage", containing("bob: It fails on Windows too.")))
                .withRequestBody(matchingJsonPath("$.initialMessage", containing("create_pull_request"))));
        store.verify(patchRequestedFor(urlPathEqualTo("/internal/resolver/jobs/" + CONVERSATION))
                .withRequestBody(matchingJsonPath("$.startCommentPosted", equalTo("true"))));
    }

    @Test
    void aDeliverySeenBeforeIsAcknowledgedAndStartsNothingNorCommentsAgain() {
        String delivery = UUID.randomUUID().toString();
        startAnswers("github", delivery, 200, true);

        github("issues", delivery, labeledIssue("gantry")).then().statusCode(202);

        await().atMost(WAIT).untilAsserted(() -> store.verify(postRequestedFor(urlPathEqualTo(START.formatted("github")))
                .withRequestBody(matchingJsonPath("$.deliveryId", equalTo(delivery)))));
        processedAfter(delivery);
        provider.verify(0, postRequestedFor(urlPathEqualTo("/repos/acme/api/issues/7/comments")));
    }

    @Test
    void aDeliveryFailingOnEveryTryIsSetAsideOnTheFailedTopicWithItsReasonAndTheNextOneIsStillProcessed() {
        String delivery = UUID.randomUUID().toString();
        store.stubFor(post(urlPathEqualTo(START.formatted("github")))
                .withRequestBody(matchingJsonPath("$.deliveryId", equalTo(delivery)))
                .willReturn(aResponse().withStatus(503)));

        github("issues", delivery, labeledIssue("gantry")).then().statusCode(202);

        try (KafkaConsumer<String, String> failed = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "failed-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            failed.subscribe(List.of(Topics.RESOLVER_DELIVERIES_FAILED));
            List<ConsumerRecord<String, String>> setAside = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                failed.poll(Duration.ofMillis(200)).forEach(setAside::add);
                return setAside.stream().anyMatch(r -> r.value().contains(delivery));
            });
            ConsumerRecord<String, String> record = setAside.stream().filter(r -> r.value().contains(delivery))
                    .findFirst().orElseThrow();
            assertThat(record.key()).isEqualTo("github:github.com/acme/api");
            assertThat(new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains(delivery).contains("failed 5 times");
        }
        store.verify(5, postRequestedFor(urlPathEqualTo(START.formatted("github")))
                .withRequestBody(matchingJsonPath("$.deliveryId", equalTo(delivery))));
        processedAfter(delivery);
    }

    @Test
    void aWrongOrMissingSignatureIsRefusedWith401AndNothingOfItIsKept() {
        String forged = UUID.randomUUID().toString();
        byte[] body = labeledIssue("gantry").getBytes(StandardCharsets.UTF_8);
        asGateway().header("X-GitHub-Event", "issues").header("X-GitHub-Delivery", forged)
                .header("X-Hub-Signature-256", WebhookSignatures.sign("not the secret", body)).body(body)
                .post("/webhooks/github").then().statusCode(401).contentType("application/problem+json")
                .body("status", is(401)).body("detail", containsString("X-Hub-Signature-256"));
        asGateway().header("X-GitHub-Event", "issues").header("X-GitHub-Delivery", forged).body(body)
                .post("/webhooks/github").then().statusCode(401).body("detail", containsString("missing"));

        processedAfter(forged);
        store.verify(0, postRequestedFor(urlPathEqualTo(START.formatted("github")))
                .withRequestBody(matchingJsonPath("$.deliveryId", equalTo(forged))));
    }

    @Test
    void aRepositoryWithoutResolverConfigurationIsAcceptedAndStartsNothing() {
        ResolverStubs.notConfigured(store, "someone/else");
        String delivery = UUID.randomUUID().toString();
        String body = labeledIssue("gantry").replace("acme/api", "someone/else");

        github("issues", delivery, body).then().statusCode(202);

        processedAfter(delivery);
        store.verify(0, postRequestedFor(urlPathEqualTo(START.formatted("github")))
                .withRequestBody(matchingJsonPath("$.deliveryId", equalTo(delivery))));
    }

    @Test
    void aBodyThatIsNotJsonIs400EvenWithAValidSignature() {
        github("issues", UUID.randomUUID().toString(), "{\"action\": \"labeled\", \"issue\": ").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("body"));
    }

    @Test
    void aLabelThatIsNotTheResolversStartsNothing() {
        String delivery = UUID.randomUUID().toString();
        github("issues", delivery, labeledIssue("bug")).then().statusCode(202);

        processedAfter(delivery);
        store.verify(0, postRequestedFor(urlPathEqualTo(START.formatted("github")))
                .withRequestBody(matchingJsonPath("$.deliveryId", equalTo(delivery))));
    }

    @Test
    void aGitLabNoteMentioningTheAgentOnAMergeRequestWorksOnItsBranchWithTheInstructions() {
        String delivery = UUID.randomUUID().toString();
        startAnswers("gitlab", delivery, 201, false);
        provider.stubFor(get(urlPathEqualTo("/projects/acme%2Fplatform%2Fweb/merge_requests/12/notes")).willReturn(okJson("""
                [{"id":5,"body":"added ~gantry label","system":true,"author":{"username":"carol"}},
                 {"id":6,"body":"Looks close; the docs need it too.","system":false,"author":{"username":"carol"}}]""")));
        provider.stubFor(post(urlPathEqualTo("/projects/acme%2Fplatform%2Fweb/merge_requests/12/notes"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\":7}")));
        String body = """
                {"object_kind":"note","event_type":"note","user":{"username":"carol","name":"Carol"},
                 "project":{"id":15,"name":"web","path_with_namespace":"acme/platform/web","web_url":"https://gitlab.com/acme/platform/web",
                  "default_branch":"main"},
                 "object_attributes":{"id":1244,"note":"@gantry please add the missing test","noteable_type":"MergeRequest",
                  "noteable_id":7,"url":"https://gitlab.com/acme/platform/web/-/merge_requests/12#note_1244"},
                 "merge_request":{"id":7,"iid":12,"title":"Faster login","description":"Caches the session lookup.",
                  "source_branch":"faster-login","target_branch":"main","state":"opened"}}""";

        asGateway().header("X-Gitlab-Event", "Note Hook").header("X-Gitlab-Event-UUID", delivery)
                .header("X-Gitlab-Token", "wrong").body(body).post("/webhooks/gitlab").then().statusCode(401);
        asGateway().header("X-Gitlab-Event", "Note Hook").header("X-Gitlab-Event-UUID", delivery)
                .header("X-Gitlab-Token", ResolverStubs.HOOK_SECRET).body(body).post("/webhooks/gitlab").then().statusCode(202);

        await().atMost(WAIT).untilAsserted(() -> provider.verify(postRequestedFor(urlPathEqualTo(
                "/projects/acme%2Fplatform%2Fweb/merge_requests/12/notes"))
                .withRequestBody(matchingJsonPath("$.body", containing("/conversations/" + CONVERSATION)))));
        store.verify(1, postRequestedFor(urlPathEqualTo(START.formatted("gitlab")))
                .withRequestBody(matchingJsonPath("$.branch", equalTo("faster-login")))
                .withRequestBody(matchingJsonPath("$.pullRequest", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.initialMessage", containing("please add the missing test")))
                .withRequestBody(matchingJsonPath("$.initialMessage", containing("carol: Looks close")))
                .withRequestBody(matchingJsonPath("$.initialMessage", matching("(?s)^((?!added ~gantry label).)*$"))));
    }

    @Test
    void aBitbucketPullRequestCommentMentioningTheAgentIsCheckedWithXHubSignature() {
        String delivery = UUID.randomUUID().toString();
        startAnswers("bitbucket", delivery, 201, false);
        provider.stubFor(get(urlPathEqualTo("/repositories/acme/tools/pullrequests/3/comments")).willReturn(okJson("""
                {"pagelen":100,"values":[{"id":1,"deleted":false,"content":{"raw":"@gantry rename the flag to --dry-run"},
                  "user":{"display_name":"Dan"}}]}""")));
        provider.stubFor(post(urlPathEqualTo("/repositories/acme/tools/pullrequests/3/comments"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\":2}")));
        String body = """
                {"actor":{"display_name":"Dan"},
                 "repository":{"type":"repository","full_name":"acme/tools","name":"tools",
                  "links":{"html":{"href":"https://bitbucket.org/acme/tools"}}},
                 "pullrequest":{"id":3,"title":"Add a dry run","description":"A flag that prints what would change.",
                  "source":{"branch":{"name":"dry-run"}},"destination":{"branch":{"name":"main"}},"state":"OPEN"},
                 "comment":{"id":1,"content":{"raw":"@gantry rename the flag to --dry-run"}}}""";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        asGateway().header("X-Event-Key", "pullrequest:comment_created").header("X-Request-UUID", delivery)
                .header("X-Hub-Signature", WebhookSignatures.sign(ResolverStubs.HOOK_SECRET, bytes)).body(bytes)
                .post("/webhooks/bitbucket").then().statusCode(202);

        await().atMost(WAIT).untilAsserted(() -> provider.verify(postRequestedFor(urlPathEqualTo(
                "/repositories/acme/tools/pullrequests/3/comments"))
                .withRequestBody(matchingJsonPath("$.content.raw", containing("/conversations/" + CONVERSATION)))));
        store.verify(1, postRequestedFor(urlPathEqualTo(START.formatted("bitbucket")))
                .withRequestBody(matchingJsonPath("$.branch", equalTo("dry-run")))
                .withRequestBody(matchingJsonPath("$.initialMessage", containing("rename the flag to --dry-run"))));
    }

    /** conversation-service's answer to the delivery's start: a new conversation (201), or the one it started (200). */
    private void startAnswers(String wire, String delivery, int status, boolean startPosted) {
        UUID configuration = switch (wire) {
            case "github" -> githubConfiguration;
            case "gitlab" -> gitlabConfiguration;
            default -> bitbucketConfiguration;
        };
        store.stubFor(post(urlPathEqualTo(START.formatted(wire)))
                .withRequestBody(matchingJsonPath("$.deliveryId", equalTo(delivery)))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody(ResolverStubs.job(CONVERSATION, configuration, wire, delivery, "github.com", "acme/api",
                                7, false, startPosted, false))));
    }

    /**
     * Waits until a later delivery of the same repository (the same partition, read in order) was processed, so
     * anything {@code delivery} would have started has been started.
     */
    private void processedAfter(String delivery) {
        String marker = "marker-after-" + delivery;
        startAnswers("github", marker, 200, true);
        github("issues", marker, labeledIssue("gantry")).then().statusCode(202);
        await().atMost(WAIT).untilAsserted(() -> store.verify(postRequestedFor(urlPathEqualTo(START.formatted("github")))
                .withRequestBody(matchingJsonPath("$.deliveryId", equalTo(marker)))));
    }

    private io.restassured.response.Response github(String event, String delivery, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return asGateway().header("X-GitHub-Event", event).header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", WebhookSignatures.sign(ResolverStubs.HOOK_SECRET, bytes)).body(bytes)
                .post("/webhooks/github");
    }

    private static RequestSpecification asGateway() {
        return given().header(InternalHeaders.SERVICE_TOKEN, TestCallers.GATEWAY_TOKEN).contentType("application/json");
    }

    /** GitHub's {@code issues} event, action {@code labeled}, as its webhook reference shows it. */
    static String labeledIssue(String label) {
        return """
                {"action":"labeled",
                 "issue":{"url":"https://api.github.com/repos/acme/api/issues/7","html_url":"https://github.com/acme/api/issues/7",
                  "id":1001,"number":7,"title":"Crash on an empty config","body":"Starting with an empty config.yml crashes.",
                  "user":{"login":"bob","type":"User"},"labels":[{"name":"%s"}],"state":"open","comments":1},
                 "label":{"id":208045946,"name":"%s","color":"f29513"},
                 "repository":{"id":1296269,"name":"api","full_name":"acme/api","private":false,
                  "html_url":"https://github.com/acme/api","owner":{"login":"acme","type":"Organization"}},
                 "sender":{"login":"bob","type":"User"}}""".formatted(label, label);
    }

}
