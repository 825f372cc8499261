package dev.gantry.eventstore.messaging;

import dev.gantry.contracts.event.ConversationEvent;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Reads {@code gantry.conversation-events} records with the application's JSON mapping. */
public class ConversationEventDeserializer extends ObjectMapperDeserializer<ConversationEvent> {

    public ConversationEventDeserializer() {
        super(ConversationEvent.class);
    }
}
