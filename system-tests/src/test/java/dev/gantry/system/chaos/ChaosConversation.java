package dev.gantry.system.chaos;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ApiException;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.http.IdempotencyKey;
import dev.gantry.system.platform.Platform;
import dev.gantry.system.platform.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One conversation of the chaos suite: a user of its own whose agent replays a trajectory of slow terminal
 * steps ({@code sleep}, then a line naming the step appended to a file of the workspace, so a step run twice
 * shows as two lines), a live stream client that resumes with {@code Last-Event-ID}, and an event callback.
 */
public final class ChaosConversation implements AutoCloseable {

    static final String STEP_LOG = ".chaos-steps";
    /** Calls answered 502, 503 or 504 and tried again, in this JVM. */
    private static final AtomicLong TRIED_AGAIN = new AtomicLong();

    private final Platform platform;
    private final String token;
    private final int steps;
    private final String id;
    /** The status the create answered: {@code running}, or {@code queued} when admission held it back. */
    private final String createdStatus;
    private ResumingEventStream stream;

    private ChaosConversation(Platform platform, String token, int steps, String id, String createdStatus) {
        this.platform = platform;
        this.token = token;
        this.steps = steps;
        this.id = id;
        this.createdStatus = createdStatus;
    }

    /**
     * A new user with the replay model and, unless {@code callbacks} is null, a callback for actions and
     * observations; and their conversation, running, with its stream open. Steps of 0 seconds do not sleep.
     */
    public static ChaosConversation start(Platform platform, CallbackReceiver callbacks, int steps, double stepSeconds) {
        String token = new Tokens(platform.home()).forUser("chaos-" + UUID.randomUUID().toString().substring(0, 8));
        retried(() -> request(platform, token).body(Map.of("model", "gantry/replay", "maxIterations", steps * 2 + 10))
                .post("/api/v1/settings"), 200);
        if (callbacks != null) {
            // PUT stores or replaces: a try that was made before the gateway timed out is made again harmlessly
            retried(() -> request(platform, token).body(Map.of("value", "chaos-hook-key"))
                    .put("/api/v1/secrets/hook-key"), 200);
            retried(() -> request(platform, token).body(Map.of("url", callbacks.url(), "eventKinds",
                    List.of("ActionEvent", "ObservationEvent"), "signingSecretName", "hook-key"))
                    .post("/api/v1/event-callbacks"), 201);
        }
        // every try of the one create carries the same key: a try the gateway timed out on but that was made is
        // answered with its conversation, not made again
        String idempotencyKey = UUID.randomUUID().toString();
        Response created = retried(() -> request(platform, token).header(IdempotencyKey.HEADER, idempotencyKey)
                .body(Map.of("title", "chaos", "initialMessage", trajectory(steps, stepSeconds)))
                .post("/api/v1/conversations"), 201);
        String id = created.path("id");
        ChaosConversation conversation = new ChaosConversation(platform, token, steps, id, created.path("status"));
        conversation.stream = new ResumingEventStream(platform.gateway(), id, token);
        return conversation;
    }

    static String trajectory(int steps, double stepSeconds) {
        List<Map<String, Object>> calls = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            String sleep = stepSeconds > 0 ? "sleep %s && ".formatted(stepSeconds) : "";
            calls.add(Map.of("tool", "terminal", "arguments", Map.of("command",
                    "%secho step-%d >> %s && echo done %d".formatted(sleep, step, STEP_LOG, step))));
        }
        try {
            return GantryJson.mapper().writeValueAsString(calls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A setup call as a client makes it on a loaded machine: a 503 (a service behind the gateway slower than the
     * gateway's timeout: 502, 503 or 504) is tried again for up to a minute, after the pause its {@code Retry-After}
     * says; any other answer than {@code expected} fails.
     */
    private static Response retried(java.util.function.Supplier<Response> call, int expected) {
        Response response = retried(call, call.get());
        response.then().statusCode(expected);
        return response;
    }

    /** Tries {@code call} again while the last answer ({@code first} at first) is 502, 503 or 504, for up to a minute. */
    private static Response retried(java.util.function.Supplier<Response> call, Response first) {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        Response response = first;
        while (List.of(502, 503, 504).contains(response.statusCode()) && java.time.Instant.now().isBefore(deadline)) {
            // a second, or as long as the platform's Retry-After says
            java.time.Duration retryAfter = ApiException.parseRetryAfter(response.header("Retry-After"));
            long pause = retryAfter == null ? 0 : retryAfter.toMillis();
            try {
                Thread.sleep(Math.max(1000, pause));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            TRIED_AGAIN.incrementAndGet();
            response = call.get();
        }
        return response;
    }

    /** How many calls, in this JVM, were tried again after a 502, 503 or 504. */
    public static long triedAgain() {
        return TRIED_AGAIN.get();
    }

    private static RequestSpecification request(Platform platform, String token) {
        return given().baseUri(platform.gateway().toString()).header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON);
    }

    public String id() {
        return id;
    }

    public String createdStatus() {
        return createdStatus;
    }

    public int steps() {
        return steps;
    }

    public ResumingEventStream stream() {
        return stream;
    }

    /** The conversation's status, or {@code unreachable} while the gateway or a service behind it is down. */
    public String status() {
        try {
            var response = request(platform, token).get("/api/v1/conversations/" + id);
            return response.statusCode() == 200 ? response.path("status") : "unreachable";
        } catch (RuntimeException down) {
            return "unreachable";
        }
    }

    /** Read as a client reads on a loaded platform: a 502/503/504 is tried again when its Retry-After says. */
    public String sandboxId() {
        return retried(() -> request(platform, token).get("/api/v1/conversations/" + id), 200).path("sandboxId");
    }

    /** Every event of the log through the public API, walking its pages (a 502/503/504 tried again, as a client does). */
    public List<ConversationEvent> events() {
        List<ConversationEvent> events = new ArrayList<>();
        long afterSeq = 0;
        while (true) {
            long after = afterSeq;
            String page = retried(() -> request(platform, token).queryParam("limit", 100).queryParam("afterSeq", after)
                    .get("/api/v1/conversations/" + id + "/events"), 200).asString();
            try {
                JsonNode items = GantryJson.mapper().readTree(page).get("items");
                List<ConversationEvent> batch = GantryJson.mapper().readerForListOf(ConversationEvent.class)
                        .readValue(items);
                if (batch.isEmpty()) {
                    return events;
                }
                events.addAll(batch);
                afterSeq = batch.getLast().seq();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The lines the steps appended to the workspace's step log, as the sandbox wrote them. */
    public List<String> stepLog() {
        Path log = platform.home().resolve("sandboxes").resolve(sandboxId()).resolve("workspace").resolve(STEP_LOG);
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes it as a client does on a loaded platform: a 502/503/504 is tried again (as {@link #start}); a try after
     * one the gateway gave up on may find it deleted already (404).
     */
    public void delete() {
        java.util.function.Supplier<Response> delete = () -> request(platform, token)
                .delete("/api/v1/conversations/" + id);
        Response first = delete.get();
        Response last = retried(delete, first);
        if (last == first) {
            last.then().statusCode(204);
        } else {
            last.then().statusCode(org.hamcrest.Matchers.oneOf(204, 404));
        }
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
