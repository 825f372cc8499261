package dev.gantry.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.system.platform.EventStreamRecorder;
import dev.gantry.system.platform.Platform;
import dev.gantry.system.platform.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Event streams held open, however many, do not hold up the gateway's other calls to the event-store. Each stream
 * holds a connection from the gateway to the event-store for as long as it is open; when they shared one connection
 * pool with the calls (50 connections), the fiftieth open stream left every read of an event log and every new
 * stream's head check waiting for a connection until it timed out: in the load run of 100 users, 2,427 head checks
 * and 230 reads answered 503.
 */
class OpenStreamsTest {

    private static final int USERS = 4;
    /** The most streams one user may hold open on a gateway replica (gantry.gateway.stream.max-per-user). */
    private static final int STREAMS_PER_USER = 20;

    @Test
    void aReadOfTheEventLogAndANewStreamAreAnsweredWhileEightyStreamsAreOpen() throws Exception {
        List<EventStreamRecorder> streams = new ArrayList<>();
        try {
            PublicApi api = null;
            String id = null;
            for (int user = 0; user < USERS; user++) {
                api = new PublicApi(new Tokens(Platform.get().home()).forUser("streams-" + UUID.randomUUID()));
                for (int stream = 0; stream < STREAMS_PER_USER; stream++) {
                    id = api.request().body(Map.of("title", "held open")).post("/api/v1/conversations")
                            .then().statusCode(201).extract().path("id");
                    streams.add(new EventStreamRecorder(Platform.get().gateway(), id, api.token()));
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.stream().allMatch(s -> s.status() != 0));
            assertThat(streams).as("every stream was accepted").allMatch(s -> s.status() == 200);

            Instant start = Instant.now();
            api.request().get("/api/v1/conversations/" + id + "/events").then().statusCode(200);
            PublicApi another = new PublicApi(new Tokens(Platform.get().home()).forUser("streams-" + UUID.randomUUID()));
            String its = another.request().body(Map.of("title", "one more")).post("/api/v1/conversations")
                    .then().statusCode(201).extract().path("id");
            try (EventStreamRecorder oneMore = new EventStreamRecorder(Platform.get().gateway(), its, another.token())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> oneMore.status() != 0);
                assertThat(oneMore.status()).isEqualTo(200);
            }
            // well within the gateway's 5 s timeout for one call to the event-store
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
        } finally {
            for (EventStreamRecorder stream : streams) {
                stream.close();
            }
        }
    }
}
