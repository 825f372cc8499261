package dev.gantry.eventstore.support;

import static dev.gantry.eventstore.support.Callers.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

/** Waits for the store to catch up with what a test produced. */
public final class Awaits {

    public static final Duration STORED_WITHIN = Duration.ofSeconds(20);

    private Awaits() {
    }

    /** Until the conversation's head is {@code lastSeq}, as a resuming worker waits. */
    public static void awaitHead(UUID conversation, long lastSeq) {
        await().atMost(STORED_WITHIN).until(() -> given().get("/conversations/{id}/head", conversation)
                .then().statusCode(200).extract().jsonPath().getLong("lastSeq") == lastSeq);
    }
}
