package dev.gantry.sandbox.reaper;

import static dev.gantry.sandbox.Api.asUser;
import static dev.gantry.sandbox.Api.internal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import dev.gantry.contracts.sandbox.SandboxStatus;
import dev.gantry.sandbox.service.Sandbox;
import dev.gantry.sandbox.service.SandboxService;
import dev.gantry.testing.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The reaper against a real runtime process, in real time (idle after 4 s): the worker's calls go straight
 * to the runtime, never through the manager, and still keep the sandbox awake.
 */
@QuarkusTest
@TestProfile(ShortIdleProfile.class)
@WithTestResource(KafkaTestResource.class)
class BusySandboxReaperTest {

    static final Duration IDLE = Duration.ofSeconds(Long.parseLong(ShortIdleProfile.IDLE_TIMEOUT_SECONDS));
    static final Duration PAST_IDLE = IDLE.plusMillis(1500);
    static final Duration WITHIN_IDLE = IDLE.dividedBy(2);

    @Inject
    IdleReaper reaper;
    @Inject
    SandboxService sandboxes;

    @Test
    void aSandboxBusyWithACommandOrUsedDirectlyIsNotPausedAndAnIdleOneIs() throws InterruptedException {
        UUID id = UUID.randomUUID();
        asUser("alice").body(Map.of("sandboxId", id.toString())).post("/sandboxes").then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> status(id) == SandboxStatus.RUNNING);
        JsonPath connection = internal().get("/sandboxes/{id}/connection", id).then().statusCode(200)
                .extract().jsonPath();
        // the call answers after 1 s; the command goes on running in the sandbox's shell
        runtime(connection).body(Map.of("command", "sleep 60", "timeoutSeconds", 1)).post("/api/v1/terminal")
                .then().statusCode(200).body("exitCode", is(-1));

        Thread.sleep(PAST_IDLE.toMillis());
        reaper.reap().join();
        assertThat(status(id)).as("busy with a command past the idle timeout").isEqualTo(SandboxStatus.RUNNING);

        runtime(connection).body(Map.of("command", "C-c", "isInput", true)).post("/api/v1/terminal")
                .then().statusCode(200);
        Thread.sleep(PAST_IDLE.minus(WITHIN_IDLE).toMillis());
        runtime(connection).get("/api/v1/files/list?path=.").then().statusCode(200);
        Thread.sleep(WITHIN_IDLE.toMillis());
        reaper.reap().join();
        assertThat(status(id)).as("called directly within the idle timeout").isEqualTo(SandboxStatus.RUNNING);

        Thread.sleep(PAST_IDLE.toMillis());
        reaper.reap().join();
        assertThat(status(id)).as("unused for longer than the idle timeout").isEqualTo(SandboxStatus.PAUSED);

        asUser("alice").delete("/sandboxes/{id}", id).then().statusCode(204);
    }

    private SandboxStatus status(UUID id) {
        return sandboxes.find(id).map(Sandbox::status).orElse(null);
    }

    private static RequestSpecification runtime(JsonPath connection) {
        return given().baseUri(connection.getString("runtimeUrl"))
                .header("X-Session-API-Key", connection.getString("sessionApiKey")).contentType(ContentType.JSON);
    }
}
