package dev.gantry.sandbox.messaging;

import dev.gantry.contracts.Topics;
import dev.gantry.contracts.sandbox.SandboxStatusChanged;
import dev.gantry.contracts.sandbox.SandboxStatusEvent;
import dev.gantry.sandbox.service.Sandbox;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes each status change on {@code gantry.sandbox-status}, keyed by the sandbox id. Never a session key. */
@Singleton
public class StatusPublisher {

    private final MutinyEmitter<SandboxStatusEvent> emitter;

    StatusPublisher(@Channel(Topics.SANDBOX_STATUS) MutinyEmitter<SandboxStatusEvent> emitter) {
        this.emitter = emitter;
    }

    public void publish(Sandbox sandbox) {
        SandboxStatusChanged event = new SandboxStatusChanged(sandbox.id(), sandbox.conversationId(),
                sandbox.ownerId(), sandbox.status(), sandbox.detail(), sandbox.updatedAt());
        Message<SandboxStatusEvent> message = Message.<SandboxStatusEvent>of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(sandbox.id().toString()).build())
                .withNack(failure -> {
                    Log.errorf("could not publish status %s of sandbox %s: %s", sandbox.status(), sandbox.id(),
                            failure.getMessage());
                    return CompletableFuture.completedFuture(null);
                });
        emitter.sendMessageAndForget(message);
    }
}
