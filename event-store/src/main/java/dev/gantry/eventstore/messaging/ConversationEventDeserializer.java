package dev.gantry.eventstore.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.text.StorableTextModule;
import io.quarkus.arc.Arc;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/**
 * Reads {@code gantry.conversation-events} records with the application's JSON mapping, text repaired: a NUL
 * or an unpaired surrogate in a command's output or a model's answer, which PostgreSQL's jsonb cannot hold,
 * becomes U+FFFD, the same in the log and in the live streams, instead of failing every insert of its batch.
 */
public class ConversationEventDeserializer extends ObjectMapperDeserializer<ConversationEvent> {

    public ConversationEventDeserializer() {
        super(ConversationEvent.class, Arc.container().instance(ObjectMapper.class).get().copy()
                .registerModule(StorableTextModule.repairingReads()));
    }
}
