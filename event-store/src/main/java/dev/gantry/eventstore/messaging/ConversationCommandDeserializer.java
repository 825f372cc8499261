package dev.gantry.eventstore.messaging;

import dev.gantry.contracts.command.ConversationCommand;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Reads {@code gantry.conversation-commands} records with the application's JSON mapping. */
public class ConversationCommandDeserializer extends ObjectMapperDeserializer<ConversationCommand> {

    public ConversationCommandDeserializer() {
        super(ConversationCommand.class);
    }
}
