package dev.gantry.sandbox.rest;

import static dev.gantry.contracts.sandbox.SandboxStatus.DELETED;
import static dev.gantry.contracts.sandbox.SandboxStatus.PAUSED;
import static dev.gantry.contracts.sandbox.SandboxStatus.RUNNING;
import static dev.gantry.contracts.sandbox.SandboxStatus.STARTING;
import static dev.gantry.sandbox.Api.asUser;
import static dev.gantry.sandbox.Api.internal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.gantry.sandbox.StatusTopic;
import dev.gantry.sandbox.config.SandboxConfig;
import dev.gantry.testing.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The process launcher for real: the sandbox-runtime jar runs as a child process and answers. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ProcessSandboxLifecycleTest {

    static final Duration START = Duration.ofSeconds(60);

    @Inject
    SandboxConfig config;

    final StatusTopic status = new StatusTopic();

    @AfterEach
    void closeTopic() {
        status.close();
    }

    @Test
    void createRunPauseResumeDelete() throws IOException {
        UUID id = UUID.randomUUID();
        asUser("alice").body(Map.of("sandboxId", id.toString(), "conversationId", UUID.randomUUID().toString()))
                .post("/sandboxes")
                .then().statusCode(201).body("id", is(id.toString())).body("ownerId", is("alice"))
                .body("status", is("STARTING")).body("template", is("default"));
        awaitStatus(id, "RUNNING");

        JsonPath connection = internal().get("/sandboxes/{id}/connection", id).then().statusCode(200).extract().jsonPath();
        String runtimeUrl = connection.getString("runtimeUrl");
        String key = connection.getString("sessionApiKey");
        given().baseUri(runtimeUrl).header("X-Session-API-Key", key).contentType(ContentType.JSON)
                .body(Map.of("command", "echo made-before-pause > note.txt && cat note.txt && pwd", "timeoutSeconds", 30))
                .post("/api/v1/terminal")
                .then().statusCode(200).body("exitCode", is(0)).body("output", containsString("made-before-pause"));
        Path dir = config.process().root().resolve(id.toString());
        long pid = Long.parseLong(Files.readString(dir.resolve("runtime.pid")).trim());

        asUser("alice").post("/sandboxes/{id}/pause", id).then().statusCode(202).body("status", is("PAUSED"));
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(dir.resolve("workspace/note.txt")).hasContent("made-before-pause");
        internal().get("/sandboxes/{id}/connection", id).then().statusCode(409)
                .contentType("application/problem+json");

        asUser("alice").post("/sandboxes/{id}/resume", id).then().statusCode(202).body("status", is("STARTING"));
        awaitStatus(id, "RUNNING");
        asUser("alice").get("/sandboxes/{id}/files?path=note.txt", id)
                .then().statusCode(200).body(containsString("made-before-pause"));
        long resumedPid = Long.parseLong(Files.readString(dir.resolve("runtime.pid")).trim());

        asUser("alice").delete("/sandboxes/{id}", id).then().statusCode(204);
        assertThat(ProcessHandle.of(resumedPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(dir).doesNotExist();
        asUser("alice").get("/sandboxes/{id}", id).then().statusCode(404);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status.statusesOf(id))
                .containsExactly(STARTING, RUNNING, PAUSED, STARTING, RUNNING, DELETED));
        assertThat(status.rawOf(id)).noneMatch(json -> json.contains(key));
    }

    @Test
    void filesGoThroughTheManagerToTheRuntime() {
        UUID id = UUID.randomUUID();
        asUser("bob").body(Map.of("sandboxId", id.toString())).post("/sandboxes").then().statusCode(201);
        awaitStatus(id, "RUNNING");

        asUser("bob").contentType("application/octet-stream").body("print('hi')\n".getBytes())
                .put("/sandboxes/{id}/files?path=src/hello.py", id).then().statusCode(201);
        asUser("bob").get("/sandboxes/{id}/files?path=src/hello.py", id)
                .then().statusCode(200).body(is("print('hi')\n"));
        asUser("bob").get("/sandboxes/{id}/files/list?path=src", id)
                .then().statusCode(200).body(containsString("hello.py"));
        // deep enough to leave any checkout (one under /tmp too, an allowed root of the runtime)
        asUser("bob").get("/sandboxes/{id}/files?path=../../../../../../../../../../etc/passwd", id)
                .then().statusCode(403).contentType("application/problem+json");
        asUser("mallory").get("/sandboxes/{id}/files?path=src/hello.py", id).then().statusCode(404);

        asUser("bob").delete("/sandboxes/{id}", id).then().statusCode(204);
    }

    @Test
    void theFilesOfAPausedSandboxStartItAgainOnItsWorkspace() {
        UUID id = UUID.randomUUID();
        asUser("carol").body(Map.of("sandboxId", id.toString())).post("/sandboxes").then().statusCode(201);
        awaitStatus(id, "RUNNING");
        asUser("carol").contentType("application/octet-stream").body("kept while paused\n".getBytes())
                .put("/sandboxes/{id}/files?path=notes.txt", id).then().statusCode(201);
        asUser("carol").post("/sandboxes/{id}/pause", id).then().statusCode(202).body("status", is("PAUSED"));

        // as the files tab of a conversation that ended a while ago asks
        asUser("carol").get("/sandboxes/{id}/files?path=notes.txt", id)
                .then().statusCode(200).body(is("kept while paused\n"));
        internal().get("/sandboxes/{id}", id).then().statusCode(200).body("status", is("RUNNING"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status.statusesOf(id))
                .containsExactly(STARTING, RUNNING, PAUSED, STARTING, RUNNING));
        // someone else's request starts nothing
        asUser("carol").post("/sandboxes/{id}/pause", id).then().statusCode(202);
        asUser("mallory").get("/sandboxes/{id}/files?path=notes.txt", id).then().statusCode(404);
        internal().get("/sandboxes/{id}", id).then().statusCode(200).body("status", is("PAUSED"));

        asUser("carol").delete("/sandboxes/{id}", id).then().statusCode(204);
    }

    private static void awaitStatus(UUID id, String wanted) {
        await().atMost(START).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> internal()
                .get("/sandboxes/{id}", id).then().statusCode(200).body("status", is(wanted)));
    }
}
