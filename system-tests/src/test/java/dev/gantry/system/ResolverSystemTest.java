package dev.gantry.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.gantry.contracts.GantryJson;
import dev.gantry.system.platform.GitHubStandIn;
import dev.gantry.system.platform.Platform;
import dev.gantry.testing.git.GitHttpServer;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The resolver end to end, through the public API only: a repository configured for a user, GitHub's {@code issues}
 * webhook (the issue labeled {@code gantry}) signed with the repository's secret and posted to the gateway; the
 * conversation it starts (the replayed trajectory of the scripted LLM) fixes the code, pushes a branch to the real git
 * server and opens a pull request; the issue gets the comment with the conversation's link, then the one with the pull
 * request's. The same delivery posted again starts nothing.
 */
class ResolverSystemTest {

    private static final String HOOK_SECRET = "resolver-hook-" + UUID.randomUUID();
    private static final Pattern CONVERSATION_LINK = Pattern.compile("/conversations/([0-9a-f-]{36})");

    static GitHubStandIn github;
    static GitHttpServer git;
    static String token;

    @BeforeAll
    static void gitHub() {
        Platform platform = Platform.get();
        git = platform.git();
        token = platform.gitToken();
        github = GitHubStandIn.start(token).user("octocat", "Mona Octocat", "mona@example.com");
    }

    @AfterAll
    static void stopGitHub() {
        if (github != null) {
            github.close();
        }
    }

    @Test
    void aLabeledIssueBecomesAPullRequestAnnouncedOnTheIssueAndItsReplayStartsNothing() throws Exception {
        String repository = "acme/greeter-" + UUID.randomUUID().toString().substring(0, 8);
        java.nio.file.Path bare = git.createRepository(repository, Map.of("README.md", "# greeter\n", "greeting.py", "print('helo, world')\n"));
        github.pullRequests(repository, 77).issueComments(repository, 5);
        TestUser alice = TestUser.create("alice");
        alice.connectGitHub(github.apiUrl(), token);
        alice.api.request().body(Map.of("name", "hook-secret", "value", HOOK_SECRET)).post("/api/v1/secrets")
                .then().statusCode(201);
        alice.api.request().body(Map.of("provider", "github", "repository", repository, "webhookSecretName", "hook-secret"))
                .post("/api/v1/resolver/configurations").then().statusCode(201)
                .body("userId", org.hamcrest.Matchers.notNullValue());
        alice.llm()
                .toolCall("terminal", "{\"command\": \"sed -i s/helo/hello/ greeting.py && git checkout -q -b fix-greeting"
                        + " && git commit -qam 'Fix the greeting' && git push -q origin fix-greeting\"}")
                .toolCall("create_pull_request", "{\"title\": \"Fix the greeting\", \"body\": \"Resolves 5\","
                        + " \"source_branch\": \"fix-greeting\", \"target_branch\": \"main\"}")
                .toolCall("finish", "{\"message\": \"pull request opened\"}");
        String delivery = UUID.randomUUID().toString();
        byte[] issue = labeledIssue(repository).getBytes(StandardCharsets.UTF_8);

        webhook(delivery, issue, sign(HOOK_SECRET, issue)).then().statusCode(202);

        List<LoggedRequest> comments = awaitComments(repository, 2);
        Matcher link = CONVERSATION_LINK.matcher(body(comments.get(0)));
        assertThat(link.find()).as("the first comment links the conversation: %s", body(comments.get(0))).isTrue();
        String conversation = link.group(1);
        assertThat(body(comments.get(1))).contains(GitHubStandIn.pullRequestUrl(repository, 77));
        alice.awaitStatus(conversation, "finished");
        var started = alice.api.request().get("/api/v1/conversations/" + conversation).then().statusCode(200)
                .extract().jsonPath();
        assertThat(started.getString("repository")).isEqualTo(repository);
        assertThat(started.getString("title")).isEqualTo("#5 Greeting is misspelled");
        assertThat(started.getString("pullRequests[0].url")).isEqualTo(GitHubStandIn.pullRequestUrl(repository, 77));
        assertThat(GitHttpServer.git(bare, "show", "fix-greeting:greeting.py"))
                .isEqualTo("print('hello, world')\n");
        JsonNode firstCall = Platform.get().llm().requests(alice.model).getFirst();
        assertThat(firstCall.toString()).as("the task is the issue").contains("Greeting is misspelled")
                .contains("It prints helo");

        // the same delivery again, and one with a forged signature: neither starts anything
        webhook(delivery, issue, sign(HOOK_SECRET, issue)).then().statusCode(202);
        webhook(UUID.randomUUID().toString(), issue, sign("not the secret", issue)).then().statusCode(401);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).untilAsserted(() ->
                assertThat(github.commentsReceived(repository, 5)).hasSize(2));
        alice.api.request().get("/api/v1/conversations").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.is(1));
    }

    private static List<LoggedRequest> awaitComments(String repository, int count) {
        await().atMost(TestUser.AGENT_TIMEOUT).pollInterval(Duration.ofMillis(300))
                .until(() -> github.commentsReceived(repository, 5).size() >= count);
        return github.commentsReceived(repository, 5);
    }

    private static String body(LoggedRequest comment) {
        try {
            return GantryJson.mapper().readTree(comment.getBodyAsString()).path("body").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static io.restassured.response.Response webhook(String delivery, byte[] body, String signature) {
        return given().baseUri(Platform.get().gateway().toString()).contentType(ContentType.JSON)
                .header("X-GitHub-Event", "issues").header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", signature).body(body).post("/api/v1/webhooks/github");
    }

    private static String sign(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** GitHub's {@code issues} event, action {@code labeled}, as its webhook reference shows it. */
    private static String labeledIssue(String repository) {
        String name = repository.substring(repository.indexOf('/') + 1);
        return """
                {"action": "labeled",
                 "issue": {"url": "https://api.github.com/repos/%1$s/issues/5", "html_url": "https://github.com/%1$s/issues/5",
                  "id": 2001, "number": 5, "title": "Greeting is misspelled", "body": "It prints helo instead of hello.",
                  "user": {"login": "octocat", "type": "User"}, "labels": [{"name": "gantry"}], "state": "open", "comments": 0},
                 "label": {"id": 208045946, "name": "gantry", "color": "f29513"},
                 "repository": {"id": 1296269, "name": "%2$s", "full_name": "%1$s", "private": true,
                  "html_url": "https://github.com/%1$s", "owner": {"login": "acme", "type": "Organization"}},
                 "sender": {"login": "octocat", "type": "User"}}""".formatted(repository, name);
    }
}
