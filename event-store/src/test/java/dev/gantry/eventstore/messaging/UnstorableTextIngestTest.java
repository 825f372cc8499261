package dev.gantry.eventstore.messaging;

import static dev.gantry.eventstore.support.Awaits.STORED_WITHIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.contracts.Topics;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.eventstore.repository.EventFilter;
import dev.gantry.eventstore.repository.EventRepository;
import dev.gantry.eventstore.support.EventStoreTest;
import dev.gantry.eventstore.support.TestEvents;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Text PostgreSQL cannot hold, in what an agent or a command wrote, never costs an event. */
@EventStoreTest
class UnstorableTextIngestTest {

    @Inject
    EventRepository repository;

    @Test
    void anEventWhoseTextHasNulOrAnUnpairedSurrogateIsStoredWithReplacementCharacters() {
        UUID conversation = UUID.randomUUID();
        String bad = TestEvents.json(TestEvents.message(conversation, 1)).replace("message 1", "out\\u0000put \\ud800!");
        TestEvents.produceRaw(Topics.CONVERSATION_EVENTS, conversation.toString(), bad);
        TestEvents.produce(java.util.List.of(TestEvents.message(conversation, 2)));

        await().atMost(STORED_WITHIN).until(() -> repository.lastSeq(conversation).await().indefinitely() == 2);
        var stored = repository.page(conversation, EventFilter.NONE, 0, 10).await().indefinitely();
        assertThat(stored).hasSize(2);
        assertThat(((MessageEvent) stored.get(0).payload()).content()).isEqualTo("out\uFFFDput \uFFFD!");
        assertThat(((MessageEvent) stored.get(1).payload()).content()).isEqualTo("message 2");
    }
}
