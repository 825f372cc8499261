package dev.gantry.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.http.IdempotencyKey;
import dev.gantry.system.platform.Platform;
import dev.gantry.system.platform.Tokens;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Admission on the running platform, with a real agent-worker and sandboxes: this platform lets 3 of one user's
 * conversations run at once. A user who starts five gets three running and two queued; a queued one runs, whole, once
 * a place frees up, and one stopped while queued ends without running a step.
 */
class AdmissionSystemTest {

    private static final int PER_USER = 3;

    @Test
    void aUsersConversationsPastTheirLimitWaitTheirTurnAndNoMoreThanTheLimitRunAtOnce() throws Exception {
        PublicApi api = replayUser();
        List<String> ids = new ArrayList<>();
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < PER_USER + 2; i++) {
            JsonNode created = create(api, trajectory(3, "admitted-" + i));
            ids.add(created.path("id").asText());
            answered.add(created.path("status").asText());
        }
        assertThat(answered).containsExactly("running", "running", "running", "queued", "queued");

        String stopped = ids.getLast();
        api.request().post("/api/v1/conversations/" + stopped + "/stop").then().statusCode(202);

        List<String> toFinish = ids.subList(0, PER_USER + 1);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> toFinish.stream().allMatch(id -> status(api, id).equals("finished")));
        // by the agent's own clock: each ran from its first event to its end, and those spans overlap at most 3 deep
        List<List<ConversationEvent>> logs = toFinish.stream().map(id -> events(api, id)).toList();
        assertThat(mostAtOnce(logs)).as("running at once").isEqualTo(PER_USER);

        List<ConversationEvent> queued = events(api, ids.get(PER_USER));
        Instant firstFinished = ids.subList(0, PER_USER).stream().map(id -> ended(events(api, id)))
                .min(Instant::compareTo).orElseThrow();
        assertThat(queued.getFirst().timestamp()).as("the queued one began after a place freed up")
                .isAfterOrEqualTo(firstFinished);
        assertThat(queued).filteredOn(e -> e.payload() instanceof ActionEvent).hasSize(4);

        await().atMost(Duration.ofMinutes(1)).until(() -> status(api, stopped).equals("stopped"));
        List<ConversationEvent> stoppedLog = events(api, stopped);
        assertThat(stoppedLog).as("the agent was told of it and ran nothing")
                .noneMatch(e -> e.payload() instanceof ActionEvent)
                .anyMatch(e -> e.payload() instanceof ConversationStateUpdateEvent u && u.status() == ExecutionStatus.STOPPED);
        ids.forEach(id -> api.request().delete("/api/v1/conversations/" + id));
    }

    private static PublicApi replayUser() {
        PublicApi api = new PublicApi(new Tokens(Platform.get().home()).forUser("admission-" + UUID.randomUUID()
                .toString().substring(0, 8)));
        api.request().body(Map.of("model", "gantry/replay", "maxIterations", 50)).post("/api/v1/settings")
                .then().statusCode(200);
        return api;
    }

    /** {@code steps} commands of a second each, each a different one. */
    private static String trajectory(int steps, String name) {
        ArrayNode calls = GantryJson.mapper().createArrayNode();
        for (int step = 0; step < steps; step++) {
            calls.addObject().put("tool", "terminal").putObject("arguments")
                    .put("command", "sleep 1 && echo " + name + " step " + step);
        }
        return calls.toString();
    }

    private static JsonNode create(PublicApi api, String trajectory) throws IOException {
        return GantryJson.mapper().readTree(api.request().header(IdempotencyKey.HEADER, UUID.randomUUID().toString())
                .body(Map.of("title", "admission", "initialMessage", trajectory)).post("/api/v1/conversations")
                .then().statusCode(201).extract().asString());
    }

    private static String status(PublicApi api, String id) {
        return api.request().get("/api/v1/conversations/" + id).then().statusCode(200).extract().path("status");
    }

    private static List<ConversationEvent> events(PublicApi api, String id) {
        String page = api.request().queryParam("limit", 100).get("/api/v1/conversations/" + id + "/events").then()
                .statusCode(200).extract().asString();
        try {
            return GantryJson.mapper().readerForListOf(ConversationEvent.class)
                    .readValue(GantryJson.mapper().readTree(page).get("items"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The most of these runs (first event to finish) that overlapped at one instant. */
    private static int mostAtOnce(List<List<ConversationEvent>> logs) {
        int most = 0;
        for (List<ConversationEvent> log : logs) {
            Instant at = log.getFirst().timestamp();
            int running = (int) logs.stream().filter(other -> !other.getFirst().timestamp().isAfter(at)
                    && ended(other).isAfter(at)).count();
            most = Math.max(most, running);
        }
        return most;
    }

    /** When the agent reported it finished. */
    private static Instant ended(List<ConversationEvent> log) {
        return log.stream().filter(e -> e.payload() instanceof ConversationStateUpdateEvent u
                        && u.status() == ExecutionStatus.FINISHED)
                .map(ConversationEvent::timestamp).findFirst().orElseThrow();
    }
}
