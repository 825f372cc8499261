package dev.gantry.runtime.actions;

import static dev.gantry.runtime.RuntimeApi.authorized;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Over HTTP: a tool call naming its action id runs once, whoever asks again and whenever. */
@QuarkusTest
class ActionIdTest {

    private static final String ACTION_ID = "X-Gantry-Action-Id";

    private Path workspace;
    private Path log;

    @BeforeEach
    void freshLog() throws IOException {
        workspace = Path.of(ConfigProvider.getConfig().getValue("gantry.workspace", String.class));
        log = workspace.resolve("runs-" + UUID.randomUUID() + ".log");
        authorized().contentType(ContentType.JSON).body(Map.of("reset", true)).post("/api/v1/terminal")
                .then().statusCode(200);
    }

    private static Response terminal(String actionId, String command) {
        return authorized().header(ACTION_ID, actionId).contentType(ContentType.JSON)
                .body(Map.of("command", command)).post("/api/v1/terminal");
    }

    private long runs() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    @Test
    void aTerminalCommandSentTwiceWithOneActionIdRunsOnceAndTheRepeatGetsTheFirstOutput() throws IOException {
        String id = UUID.randomUUID().toString();
        String command = "echo ran >> " + log + " && echo attempt-$RANDOM";

        Response first = terminal(id, command);
        Response again = terminal(id, command);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.jsonPath().getString("output")).isEqualTo(first.jsonPath().getString("output"));
        assertThat(again.header("X-Gantry-Action-Replayed")).isEqualTo("true");
        assertThat(first.header("X-Gantry-Action-Replayed")).isNull();
        assertThat(runs()).isEqualTo(1);
        assertThat(workspace.resolve(".gantry/actions/.gitignore")).exists();
    }

    @Test
    void aRepeatArrivingWhileTheCommandStillRunsWaitsAndGetsTheSameAnswer() throws Exception {
        String id = UUID.randomUUID().toString();
        String command = "sleep 1.5; echo ran >> " + log + "; echo done-$RANDOM";

        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> terminal(id, command),
                java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        Thread.sleep(400);
        Response repeat = terminal(id, command);

        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(repeat.jsonPath().getString("output"))
                .isEqualTo(first.get(10, TimeUnit.SECONDS).jsonPath().getString("output")).contains("done-");
        assertThat(runs()).isEqualTo(1);
    }

    @Test
    void callsWithoutAnActionIdRunEachTime() throws IOException {
        String command = "echo ran >> " + log;
        authorized().contentType(ContentType.JSON).body(Map.of("command", command)).post("/api/v1/terminal")
                .then().statusCode(200);
        authorized().contentType(ContentType.JSON).body(Map.of("command", command)).post("/api/v1/terminal")
                .then().statusCode(200);

        assertThat(runs()).isEqualTo(2);
    }

    @Test
    void anEditorCreateRepeatedGetsItsSuccessNotFileAlreadyExists() {
        String id = UUID.randomUUID().toString();
        Map<String, String> create = Map.of("command", "create", "path", workspace.resolve("made-" + id + ".txt").toString(),
                "fileText", "hello\n");

        Response first = authorized().header(ACTION_ID, id).contentType(ContentType.JSON).body(create).post("/api/v1/editor");
        Response again = authorized().header(ACTION_ID, id).contentType(ContentType.JSON).body(create).post("/api/v1/editor");
        Response fresh = authorized().header(ACTION_ID, UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body(create).post("/api/v1/editor");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.asString()).isEqualTo(first.asString());
        assertThat(fresh.statusCode()).as("another action is run, and refused").isEqualTo(409);
    }

    @Test
    void aRefusalIsTheActionsAnswerToo() {
        String id = UUID.randomUUID().toString();
        Map<String, String> view = Map.of("command", "view", "path", workspace.resolve("missing-" + id).toString());

        Response first = authorized().header(ACTION_ID, id).contentType(ContentType.JSON).body(view).post("/api/v1/editor");
        Response again = authorized().header(ACTION_ID, id).contentType(ContentType.JSON).body(view).post("/api/v1/editor");

        assertThat(first.statusCode()).isEqualTo(404);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.header("X-Gantry-Action-Replayed")).isEqualTo("true");
    }

    @Test
    void aMalformedActionIdIsRefusedNamingTheHeader() {
        Response refused = terminal("not an id!", "true");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.jsonPath().getString("errors[0].field")).isEqualTo(ACTION_ID);
    }
}
