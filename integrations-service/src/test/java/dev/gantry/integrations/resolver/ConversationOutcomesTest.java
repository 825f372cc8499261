package dev.gantry.integrations.resolver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.SecurityRisk;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.auth.TestCallers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The closing comment of a resolver conversation, driven by its events on the real topic: the pull request the agent
 * opened, else its final message, else why it stopped; posted once, and never for a conversation the resolver did
 * not start.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(ResolverTestResource.class)
class ConversationOutcomesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String COMMENTS = "/repos/acme/api/issues/%d/comments";
    private static final KafkaProducer<String, String> PRODUCER = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers()),
            new StringSerializer(), new StringSerializer());

    private final WireMockServer store = ResolverTestResource.store();
    private final WireMockServer provider = ResolverTestResource.provider();
    private final UUID configuration = UUID.randomUUID();

    @AfterAll
    static void closeProducer() {
        PRODUCER.close();
    }

    @BeforeEach
    void stubs() {
        store.resetAll();
        provider.resetAll();
        ResolverStubs.configure(store, provider, configuration, "github", "github.com", "acme/api");
        provider.stubFor(post(urlPathEqualTo("/repos/acme/api/issues/7/comments")).willReturn(created()));
        provider.stubFor(post(urlPathEqualTo("/repos/acme/api/issues/8/comments")).willReturn(created()));
    }

    @Test
    void aConversationThatOpenedAPullRequestAnswersWithItsLinkOnce() throws Exception {
        UUID conversation = UUID.randomUUID();
        job(conversation, 7, false);
        store.stubFor(get(urlPathEqualTo("/internal/conversations/" + conversation)).willReturn(okJson("""
                {"id":"%s","status":"finished","pullRequests":[{"url":"https://github.com/acme/api/pull/31","number":31,
                 "sourceBranch":"fix-empty-config","targetBranch":"main","draft":false}]}""".formatted(conversation))));

        publish(conversation, 1, new ActionEvent("finish", "call-9", GantryJson.mapper().createObjectNode()
                .put("message", "Fixed and opened a pull request."), "", SecurityRisk.LOW, "r-9"));
        publish(conversation, 2, ConversationStateUpdateEvent.status(ExecutionStatus.FINISHED));

        await().atMost(WAIT).untilAsserted(() -> provider.verify(postRequestedFor(urlPathEqualTo(COMMENTS.formatted(7)))
                .withRequestBody(matchingJsonPath("$.body", containing("https://github.com/acme/api/pull/31")))));
        await().atMost(WAIT).untilAsserted(() -> store.verify(patchRequestedFor(urlPathEqualTo(
                "/internal/resolver/jobs/" + conversation)).withRequestBody(matchingJsonPath("$.closingCommentPosted",
                equalTo("true")))));
    }

    @Test
    void aConversationWithoutAPullRequestAnswersWithItsFinalMessageAndOneThatFailedWithWhy() throws Exception {
        UUID finished = UUID.randomUUID();
        UUID failed = UUID.randomUUID();
        job(finished, 7, false);
        job(failed, 8, false);
        noPullRequests(finished);
        noPullRequests(failed);

        publish(finished, 1, new ActionEvent("finish", "call-1", GantryJson.mapper().createObjectNode()
                .put("message", "The crash comes from the YAML parser; upgrading it is enough."), "", SecurityRisk.LOW, "r-1"));
        publish(finished, 2, ConversationStateUpdateEvent.status(ExecutionStatus.FINISHED));
        publish(failed, 1, new AgentErrorEvent(null, null, "budget reached: $1.00"));
        publish(failed, 2, new ConversationStateUpdateEvent(ExecutionStatus.ERROR, "budget reached: $1.00", null));

        await().atMost(WAIT).untilAsserted(() -> provider.verify(postRequestedFor(urlPathEqualTo(COMMENTS.formatted(7)))
                .withRequestBody(matchingJsonPath("$.body", containing("upgrading it is enough")))));
        await().atMost(WAIT).untilAsserted(() -> provider.verify(postRequestedFor(urlPathEqualTo(COMMENTS.formatted(8)))
                .withRequestBody(matchingJsonPath("$.body", containing("(error): budget reached: $1.00")))));
    }

    @Test
    void aFinalMessageThatWentByBeforeARestartIsReadFromTheEndOfTheLog() throws Exception {
        UUID conversation = UUID.randomUUID();
        job(conversation, 7, false);
        noPullRequests(conversation);
        String finish = GantryJson.mapper().writeValueAsString(ConversationEvent.of(conversation, 41, Instant.now(),
                EventSource.AGENT, new ActionEvent("finish", "call-41", GantryJson.mapper().createObjectNode()
                        .put("message", "Said before the restart."), "", SecurityRisk.LOW, "r-41")));
        store.stubFor(get(urlPathEqualTo("/conversations/" + conversation + "/head")).willReturn(okJson(
                "{\"conversationId\":\"" + conversation + "\",\"lastSeq\":42}")));
        store.stubFor(get(urlPathEqualTo("/conversations/" + conversation + "/events"))
                .withQueryParam("afterSeq", equalTo("0")).willReturn(okJson(
                "{\"items\":[" + finish + "],\"nextPageId\":null}")));

        // only the end goes by this process: the finish event was read by the one before it
        publish(conversation, 42, ConversationStateUpdateEvent.status(ExecutionStatus.FINISHED));

        await().atMost(WAIT).untilAsserted(() -> provider.verify(postRequestedFor(urlPathEqualTo(COMMENTS.formatted(7)))
                .withRequestBody(matchingJsonPath("$.body", containing("Said before the restart.")))));
        store.verify(getRequestedFor(urlPathEqualTo("/conversations/" + conversation + "/head"))
                .withHeader(InternalHeaders.SERVICE_TOKEN, equalTo(TestCallers.INTEGRATIONS_SERVICE_TOKEN)));
    }

    @Test
    void aClosingCommentTheProviderRefusesAtFirstIsPostedWhenItAnswersAgain() throws Exception {
        UUID conversation = UUID.randomUUID();
        job(conversation, 8, false);
        noPullRequests(conversation);
        provider.stubFor(post(urlPathEqualTo(COMMENTS.formatted(8))).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        provider.stubFor(post(urlPathEqualTo(COMMENTS.formatted(8))).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(created()));

        publish(conversation, 1, new AgentErrorEvent(null, null, "the sandbox could not start"));
        publish(conversation, 2, new ConversationStateUpdateEvent(ExecutionStatus.ERROR, null, null));

        await().atMost(WAIT).untilAsserted(() -> store.verify(patchRequestedFor(urlPathEqualTo(
                "/internal/resolver/jobs/" + conversation)).withRequestBody(matchingJsonPath("$.closingCommentPosted",
                equalTo("true")))));
        provider.verify(2, postRequestedFor(urlPathEqualTo(COMMENTS.formatted(8)))
                .withRequestBody(matchingJsonPath("$.body", containing("the sandbox could not start"))));
    }

    @Test
    void aConversationTheResolverDidNotStartGetsNoComment() throws Exception {
        UUID other = UUID.randomUUID();
        UUID ours = UUID.randomUUID();
        store.stubFor(get(urlPathEqualTo("/internal/resolver/jobs/" + other)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":404,\"title\":\"Not found\"}")));
        job(ours, 7, true);
        noPullRequests(ours);

        publish(other, 1, ConversationStateUpdateEvent.status(ExecutionStatus.FINISHED));
        publish(ours, 1, ConversationStateUpdateEvent.status(ExecutionStatus.FINISHED));

        // the closing comment was posted before: the job says so, and nothing is posted again
        await().atMost(WAIT).untilAsserted(() -> store.verify(getRequestedFor(urlPathEqualTo("/internal/resolver/jobs/" + ours))));
        store.verify(getRequestedFor(urlPathEqualTo("/internal/resolver/jobs/" + other)));
        provider.verify(0, postRequestedFor(urlPathEqualTo(COMMENTS.formatted(7))));
        store.verify(0, getRequestedFor(urlPathEqualTo("/internal/conversations/" + other)));
    }

    private void job(UUID conversation, long number, boolean closingPosted) {
        String job = ResolverStubs.job(conversation, configuration, "github", "d-" + conversation, "github.com",
                "acme/api", number, false, true, closingPosted);
        store.stubFor(get(urlPathEqualTo("/internal/resolver/jobs/" + conversation)).willReturn(okJson(job)));
        store.stubFor(patch(urlPathEqualTo("/internal/resolver/jobs/" + conversation)).willReturn(okJson(job)));
    }

    private void noPullRequests(UUID conversation) {
        store.stubFor(get(urlPathEqualTo("/internal/conversations/" + conversation)).willReturn(okJson(
                "{\"id\":\"" + conversation + "\",\"pullRequests\":[]}")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\":1}");
    }

    private static void publish(UUID conversation, long seq, EventPayload payload) throws Exception {
        String json = GantryJson.mapper().writeValueAsString(ConversationEvent.of(conversation, seq, Instant.now(),
                EventSource.AGENT, payload));
        PRODUCER.send(new ProducerRecord<>(Topics.CONVERSATION_EVENTS, conversation.toString(), json)).get();
    }
}
