package dev.gantry.worker.git;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.RepositoryClonedEvent;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.git.GitHttpServer;
import dev.gantry.worker.support.Conversation;
import dev.gantry.worker.support.WorkerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A conversation on a repository: cloned from a real git server before the agent's first step, pushed from its shell. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class RepositoryCheckoutTest {

    static final String TOKEN = "ghp_worker0test0token0987654";
    static GitHttpServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = GitHttpServer.start(Files.createTempDirectory("gantry-worker-git-"), TOKEN);
        server.createRepository("acme/api", Map.of("README.md", "# The API\n"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theRepositoryIsClonedBeforeTheFirstStepAndTheAgentPushesWithTheSameToken() throws Exception {
        Conversation conversation = new Conversation();
        conversation.script()
                .toolCall("terminal", """
                        {"command": "cd %s && git log -1 --format=%%s && git config user.email"}""".formatted(conversation.workspace()))
                .toolCall("terminal", """
                        {"command": "git checkout -q -b fix && echo fixed >> README.md && git commit -qam 'Fix' && git push -q origin fix && echo pushed"}""")
                .toolCall("finish", "{\"message\": \"pushed\"}");

        conversation.startOn("Fix the readme.", "acme/api", null, credentials(Map.of()));
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        List<ConversationEvent> events = conversation.events();
        List<String> kinds = conversation.kinds();
        assertThat(kinds.indexOf("RepositoryClonedEvent")).isPositive().isLessThan(kinds.indexOf("ActionEvent"));
        RepositoryClonedEvent cloned = events.stream().map(ConversationEvent::payload)
                .filter(RepositoryClonedEvent.class::isInstance).map(RepositoryClonedEvent.class::cast).findFirst().orElseThrow();
        assertThat(cloned.branch()).isEqualTo("main");
        assertThat(cloned.commit()).isEqualTo(server.commitOf("acme/api", "main"));
        List<ObservationEvent> observations = events.stream().map(ConversationEvent::payload)
                .filter(ObservationEvent.class::isInstance).map(ObservationEvent.class::cast).toList();
        assertThat(observations.get(0).content()).contains("initial commit").contains("ada@example.com");
        assertThat(observations.get(1).content()).contains("pushed");
        assertThat(server.commitOf("acme/api", "fix")).isNotNull();
        assertThat(GantryJson.mapper().writeValueAsString(events)).doesNotContain(TOKEN);

        List<JsonNode> requests = WorkerTestResource.llm().requests(conversation.model);
        assertThat(requests.get(0).toString()).contains("REPOSITORY_INFO").contains("acme/api");
        assertThat(requests.get(0).path("tools").findValuesAsText("name")).contains("create_pull_request");
    }

    @Test
    void aBranchThatDoesNotExistEndsTheStartInAnErrorNamingIt() {
        Conversation conversation = new Conversation();
        conversation.script().toolCall("finish", "{\"message\": \"never asked\"}");

        conversation.startOn("Work on a branch.", "acme/api", "no-such-branch", credentials(Map.of("branch", "no-such-branch")));
        conversation.awaitStatus(ExecutionStatus.ERROR);

        assertThat(conversation.lastStatusUpdate().reason()).contains("'no-such-branch' does not exist")
                .contains("acme/api").doesNotContain(TOKEN);
        assertThat(WorkerTestResource.llm().requests(conversation.model)).isEmpty();
    }

    @Test
    void aTokenTheGitServerRefusesEndsTheStartInAnAuthenticationError() {
        Conversation conversation = new Conversation();
        conversation.script().toolCall("finish", "{\"message\": \"never asked\"}");

        conversation.startOn("Work.", "acme/api", null, credentials(Map.of("token", "ghp_wrong0token0for0this0test")));
        conversation.awaitStatus(ExecutionStatus.ERROR);

        assertThat(conversation.lastStatusUpdate().reason()).contains("refused").doesNotContain("ghp_wrong0token0for0this0test");
    }

    @Test
    void credentialsConversationServiceCouldNotAnswerAtFirstAreAskedAgainAndTheCloneGoesOn() {
        Conversation conversation = new Conversation();
        conversation.script().toolCall("finish", "{\"message\": \"cloned\"}");
        // conversation-service restarting: its first two answers are 503
        WorkerTestResource.platform().gitCredentialsUnavailable(conversation.id, 2);

        conversation.startOn("Work.", "acme/api", null, credentials(Map.of()));
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        assertThat(conversation.kinds()).contains("RepositoryClonedEvent");
    }

    private static Map<String, Object> credentials(Map<String, Object> overrides) {
        Map<String, Object> credentials = new HashMap<>(Map.of("provider", "github", "host", "127.0.0.1",
                "repository", "acme/api", "cloneUrl", server.baseUrl() + "/acme/api.git", "username", "x-access-token",
                "token", TOKEN, "identity", Map.of("login", "ada", "name", "Ada Lovelace", "email", "ada@example.com")));
        credentials.putAll(overrides);
        return credentials;
    }
}
