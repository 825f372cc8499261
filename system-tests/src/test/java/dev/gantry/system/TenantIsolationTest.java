package dev.gantry.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import dev.gantry.system.platform.EventStreamRecorder;
import dev.gantry.system.platform.Platform;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One user cannot see, nor act on, another user's conversation: everything answers 404. */
class TenantIsolationTest {

    @Test
    void anotherUserGetsNotFoundForTheConversationItsEventsFilesAndStream() throws Exception {
        TestUser alice = TestUser.create("alice");
        TestUser bob = TestUser.create("bob");
        JsonPath conversation = alice.startConversation();
        String id = conversation.getString("id");
        alice.llm().toolCall("finish", "{\"message\": \"done\"}");
        alice.send(id, "finish at once");
        alice.awaitStatus(id, "finished");

        String base = "/api/v1/conversations/" + id;
        bob.api.request().get(base).then().statusCode(404);
        bob.api.request().get(base + "/events").then().statusCode(404);
        bob.api.request().queryParam("path", TestUser.workspace(conversation)).queryParam("list", true)
                .get(base + "/files").then().statusCode(404);
        bob.api.request().post(base + "/pause").then().statusCode(404);
        bob.api.request().body("{\"content\": \"hi\", \"run\": true}").post(base + "/messages").then().statusCode(404);
        bob.api.request().delete(base).then().statusCode(404);
        bob.api.request().get("/api/v1/conversations").then().statusCode(200).body("items.id", not(hasItem(id)));
        try (EventStreamRecorder stream = new EventStreamRecorder(Platform.get().gateway(), id, bob.api.token())) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stream.status() != 0);
            assertThat(stream.status()).isEqualTo(404);
            assertThat(stream.events()).isEmpty();
        }

        alice.api.request().get(base).then().statusCode(200);
    }
}
