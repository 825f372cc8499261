package dev.gantry.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.RepositoryClonedEvent;
import dev.gantry.system.platform.GitHubStandIn;
import dev.gantry.system.platform.Platform;
import dev.gantry.testing.git.GitHttpServer;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A conversation on a repository, end to end: the user's GitHub connection (GitHub's REST API stood in by WireMock)
 * whose repositories live on a real git server on this machine; the repository cloned into the sandbox before the
 * agent's first step; the agent's edit committed and pushed from its own shell with the connection's token, which no
 * event holds; the pull request opened through the provider and listed on the conversation. A clone that cannot
 * happen ends the start in ERROR, saying why.
 */
class RepositoryFlowTest {

    private static final String README = "# greeter\n";
    private static final String GREETING = "print('helo, world')\n";

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
        github.close();
    }

    @Test
    void theAgentPushesABranchFromItsShellAndOpensAPullRequestThatTheConversationLists() throws Exception {
        Repository repository = newRepository();
        String seed = git.commitOf(repository.name(), "main");
        github.pullRequests(repository.name(), 42);
        TestUser alice = connectedUser("alice");
        // made idle: the editor needs the file's absolute path, which names the conversation's sandbox
        JsonPath conversation = alice.api.request().body(Map.of("title", "fix the greeting",
                "repository", repository.name(), "branch", "main")).post("/api/v1/conversations")
                .then().statusCode(201).extract().jsonPath();
        String id = conversation.getString("id");
        alice.llm()
                .toolCall("file_editor", "{\"command\": \"str_replace\", \"path\": \"" + TestUser.agentWorkspace(conversation)
                        + "/greeting.py\", \"old_str\": \"helo\", \"new_str\": \"hello\"}")
                .toolCall("terminal", "{\"command\": \"git checkout -q -b fix-greeting && git commit -qam 'Fix the"
                        + " greeting' && git push -q origin fix-greeting && git log -1 --format='%an <%ae>'\"}")
                .toolCall("create_pull_request", "{\"title\": \"Fix the greeting\", \"body\": \"helo becomes hello\","
                        + " \"source_branch\": \"fix-greeting\", \"target_branch\": \"main\"}")
                .toolCall("finish", "{\"message\": \"pull request opened\"}");

        alice.send(id, "Fix the typo in greeting.py, push a branch and open a pull request into main.");
        alice.awaitStatus(id, "finished");

        List<ConversationEvent> events = alice.events(id);
        RepositoryClonedEvent cloned = payloads(events, RepositoryClonedEvent.class).getFirst();
        assertThat(cloned).isEqualTo(new RepositoryClonedEvent(repository.name(), "github.com", "main", seed));
        assertThat(indexOf(events, RepositoryClonedEvent.class)).as("cloned before the agent's first step")
                .isLessThan(indexOf(events, ActionEvent.class));
        JsonNode firstLlmCall = Platform.get().llm().requests(alice.model).getFirst();
        assertThat(firstLlmCall.toString()).as("the LLM's first request already knows the clone")
                .contains("<REPOSITORY_INFO>", repository.name(), seed).contains("create_pull_request");

        List<ObservationEvent> observations = payloads(events, ObservationEvent.class);
        assertThat(observations).extracting(ObservationEvent::toolName)
                .containsExactly("file_editor", "terminal", "create_pull_request", "finish");
        ObservationEvent push = observations.get(1);
        assertThat(push.exitCode()).as(push.content()).isZero();
        assertThat(push.content()).as("committed as the connected identity").contains("Mona Octocat <mona@example.com>");
        assertThat(observations.get(2).content()).contains(GitHubStandIn.pullRequestUrl(repository.name(), 42));

        String pushed = git.commitOf(repository.name(), "fix-greeting");
        assertThat(pushed).as("the git server holds the pushed branch").isNotNull().isNotEqualTo(seed);
        assertThat(GitHttpServer.git(repository.bare(), "show", "fix-greeting:greeting.py")).isEqualTo("print('hello, world')\n");
        assertThat(GitHttpServer.git(repository.bare(), "rev-parse", "fix-greeting^").strip()).isEqualTo(seed);
        assertThat(git.requests()).as("the push reached the server with the token")
                .anySatisfy(request -> {
                    assertThat(request.path()).isEqualTo("/" + repository.name() + ".git/git-receive-pack");
                    assertThat(request.authorised()).isTrue();
                });

        List<LoggedRequest> opened = github.pullRequestsReceived(repository.name());
        assertThat(opened).hasSize(1);
        JsonNode sent = GantryJson.mapper().readTree(opened.getFirst().getBodyAsString());
        assertThat(sent.path("head").asText()).isEqualTo("fix-greeting");
        assertThat(sent.path("base").asText()).isEqualTo("main");
        assertThat(sent.path("title").asText()).isEqualTo("Fix the greeting");
        assertThat(sent.path("draft").asBoolean()).isFalse();
        assertThat(opened.getFirst().getHeader("Authorization")).isEqualTo("Bearer " + token);

        JsonPath after = alice.api.request().get("/api/v1/conversations/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(after.getString("pullRequests[0].url")).isEqualTo(GitHubStandIn.pullRequestUrl(repository.name(), 42));
        assertThat(after.getInt("pullRequests[0].number")).isEqualTo(42);
        assertThat(after.getString("pullRequests[0].sourceBranch")).isEqualTo("fix-greeting");
        assertThat(after.getString("pullRequests[0].targetBranch")).isEqualTo("main");

        assertNoTokenIn(events);
        assertNoTokenInLogs();
        String gitConfig = Files.readString(Path.of(TestUser.workspace(conversation), ".git", "config"));
        assertThat(gitConfig).as("the clone's .git/config").doesNotContain(token).contains("credential");
    }

    @Test
    void aBranchTheRepositoryDoesNotHaveEndsTheStartInErrorNamingIt() throws Exception {
        String repository = newRepository().name();
        TestUser bob = connectedUser("bob");
        bob.llm().toolCall("finish", "{\"message\": \"never asked\"}");

        String id = bob.api.request().body(Map.of("repository", repository, "branch", "no-such-branch",
                "initialMessage", "work on the branch")).post("/api/v1/conversations").then().statusCode(201)
                .extract().path("id");
        bob.awaitStatus(id, "error");

        List<ConversationEvent> events = bob.events(id);
        assertThat(errorReason(events)).contains("no-such-branch", "does not exist", repository);
        assertThat(payloads(events, RepositoryClonedEvent.class)).isEmpty();
        assertThat(payloads(events, ActionEvent.class)).isEmpty();
        assertThat(Platform.get().llm().requests(bob.model)).as("the agent never took a step").isEmpty();
        assertNoTokenIn(events);
    }

    @Test
    void aTokenTheGitServerRefusesEndsTheStartInErrorNamingTheCauseWithoutTheTokenText() throws Exception {
        String repository = newRepository().name();
        TestUser carol = connectedUser("carol");
        // the token is revoked after the connection was made: the secret now holds one the git server refuses
        String revoked = "ghp_revoked" + UUID.randomUUID().toString().replace("-", "");
        carol.api.request().body(Map.of("value", revoked)).put("/api/v1/secrets/github").then().statusCode(200);
        carol.llm().toolCall("finish", "{\"message\": \"never asked\"}");

        String id = carol.api.request().body(Map.of("repository", repository, "branch", "main",
                "initialMessage", "work on main")).post("/api/v1/conversations").then().statusCode(201)
                .extract().path("id");
        carol.awaitStatus(id, "error");

        List<ConversationEvent> events = carol.events(id);
        assertThat(errorReason(events)).contains(repository, "refused the connection's token");
        assertThat(payloads(events, RepositoryClonedEvent.class)).isEmpty();
        assertThat(Platform.get().llm().requests(carol.model)).isEmpty();
        assertThat(serialised(events)).doesNotContain(revoked).doesNotContain(revoked.substring(4, 20));
        assertNoTokenIn(events);
        assertThat(git.requests()).anySatisfy(request -> {
            assertThat(request.path()).startsWith("/" + repository + ".git/");
            assertThat(request.authorised()).isFalse();
        });
    }

    /** A user whose GitHub connection (to the stand-in, repositories on the platform's git server) is made and checked. */
    private static TestUser connectedUser(String name) {
        TestUser user = TestUser.create(name);
        JsonPath connection = user.connectGitHub(github.apiUrl(), token);
        assertThat(connection.getString("host")).isEqualTo("github.com");
        assertThat(connection.getString("login")).isEqualTo("octocat");
        return user;
    }

    /** A repository on the platform's git server: its name on the host, its bare directory. */
    private record Repository(String name, Path bare) {
    }

    private static Repository newRepository() throws IOException, InterruptedException {
        String name = "acme/greeter-" + UUID.randomUUID().toString().substring(0, 8);
        return new Repository(name, git.createRepository(name, Map.of("README.md", README, "greeting.py", GREETING)));
    }

    private static String errorReason(List<ConversationEvent> events) {
        List<String> errors = payloads(events, AgentErrorEvent.class).stream().map(AgentErrorEvent::error).toList();
        String reason = payloads(events, ConversationStateUpdateEvent.class).stream()
                .filter(update -> update.status() == ExecutionStatus.ERROR).map(ConversationStateUpdateEvent::reason)
                .filter(Objects::nonNull).findFirst().orElseThrow();
        assertThat(errors).as("the error event says what the status says").contains(reason);
        return reason;
    }

    private static void assertNoTokenIn(List<ConversationEvent> events) {
        assertThat(serialised(events)).as("no event holds the token, or a good part of it")
                .doesNotContain(token).doesNotContain(token.substring(4, 20));
    }

    /** The services' logs and every sandbox runtime's log of this platform. */
    private static void assertNoTokenInLogs() throws IOException {
        Path home = Platform.get().home();
        List<Path> logs;
        try (Stream<Path> services = Files.list(home.resolve("logs"));
                Stream<Path> sandboxes = Files.list(home.resolve("sandboxes"))) {
            logs = Stream.concat(services, sandboxes.map(sandbox -> sandbox.resolve("runtime.log")))
                    .filter(Files::isRegularFile).toList();
        }
        assertThat(logs).isNotEmpty();
        for (Path log : logs) {
            assertThat(Files.readString(log)).as("%s", log).doesNotContain(token);
        }
    }

    private static String serialised(List<ConversationEvent> events) {
        try {
            return GantryJson.mapper().writeValueAsString(events);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> payloads(List<ConversationEvent> events, Class<T> kind) {
        return events.stream().map(ConversationEvent::payload).filter(kind::isInstance).map(kind::cast).toList();
    }

    private static int indexOf(List<ConversationEvent> events, Class<?> kind) {
        for (int i = 0; i < events.size(); i++) {
            if (kind.isInstance(events.get(i).payload())) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }
}
