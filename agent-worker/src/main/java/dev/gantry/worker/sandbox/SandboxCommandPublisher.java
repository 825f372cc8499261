package dev.gantry.worker.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.sandbox.SandboxCommand;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Sends commands to the sandbox-manager on {@code gantry.sandbox-commands}, keyed by sandbox id. */
@ApplicationScoped
class SandboxCommandPublisher {

    private final MutinyEmitter<Record<String, String>> emitter;

    SandboxCommandPublisher(@Channel("sandbox-commands") MutinyEmitter<Record<String, String>> emitter) {
        this.emitter = emitter;
    }

    /** Sends the command and waits for Kafka to acknowledge it; call it off the event loop. */
    void send(SandboxCommand command) {
        try {
            emitter.sendAndAwait(Record.of(command.sandboxId().toString(),
                    GantryJson.mapper().writeValueAsString(command)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a sandbox command cannot be written as JSON", e);
        }
    }
}
