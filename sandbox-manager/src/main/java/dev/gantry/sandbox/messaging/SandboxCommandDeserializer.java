package dev.gantry.sandbox.messaging;

import dev.gantry.contracts.sandbox.SandboxCommand;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Reads a {@link SandboxCommand} by its {@code kind}. */
public class SandboxCommandDeserializer extends ObjectMapperDeserializer<SandboxCommand> {

    public SandboxCommandDeserializer() {
        super(SandboxCommand.class);
    }
}
