package dev.gantry.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.system.platform.Platform;
import dev.gantry.system.platform.SandboxProcesses;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Deleting a conversation leaves nothing behind: no sandbox process, no workspace, no events. */
class ConversationDeletionTest {

    @Test
    void deletingAConversationRemovesItsSandboxProcessWorkspaceAndEvents() {
        TestUser user = TestUser.create("deleter");
        JsonPath conversation = user.startConversation();
        String id = conversation.getString("id");
        String workspace = TestUser.workspace(conversation);
        // the runtime is started on the workspace by the name the agent is told
        String named = TestUser.agentWorkspace(conversation);
        user.llm().toolCall("terminal", "{\"command\": \"echo kept > notes.txt\"}")
                .toolCall("finish", "{\"message\": \"done\"}");
        user.send(id, "write notes");
        user.awaitStatus(id, "finished");
        assertThat(Path.of(workspace, "notes.txt")).exists();
        assertThat(SandboxProcesses.serving(named)).isNotEmpty();
        assertThat(eventCount(id)).isPositive();

        user.api.request().delete("/api/v1/conversations/" + id).then().statusCode(204);

        user.api.request().get("/api/v1/conversations/" + id).then().statusCode(404);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(SandboxProcesses.serving(named)).as("sandbox processes").isEmpty();
            assertThat(Files.exists(Path.of(workspace))).as("workspace exists").isFalse();
            assertThat(Files.isSymbolicLink(Path.of(named))).as("workspace link exists").isFalse();
            assertThat(eventCount(id)).as("stored events").isZero();
        });
    }

    /** Asked of the event-store itself: the gateway no longer answers for a deleted conversation. */
    private static int eventCount(String id) {
        // any user's token will do: the event-store checks the token, the gateway checks ownership
        return given().baseUri(Platform.get().service("event-store").url().toString())
                .header("Authorization", Platform.get().credentials().userAuthorization("deletion-check"))
                .get("/conversations/" + id + "/events/count").then().statusCode(200).extract().path("count");
    }
}
