package dev.gantry.sandbox.messaging;

import dev.gantry.contracts.Topics;
import dev.gantry.contracts.sandbox.SandboxCommand;
import dev.gantry.sandbox.service.SandboxService;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Takes the commands of {@code gantry.sandbox-commands}. A record is acknowledged once its command
 * has taken effect (for a create: registered, and started from the warm pool or launching); a
 * record that is not a command is skipped with a warning rather than stopping the partition.
 */
@Singleton
class SandboxCommandConsumer {

    private final SandboxService sandboxes;

    SandboxCommandConsumer(SandboxService sandboxes) {
        this.sandboxes = sandboxes;
    }

    @Incoming(Topics.SANDBOX_COMMANDS)
    CompletionStage<Void> consume(Message<SandboxCommand> message) {
        SandboxCommand command = message.getPayload();
        if (command == null) {
            Log.warn("skipping a sandbox-commands record that is not a sandbox command");
            return message.ack();
        }
        return sandboxes.apply(command).handle((done, failure) -> {
            if (failure != null) {
                Log.errorf("command %s for sandbox %s failed: %s", command.commandId(), command.sandboxId(),
                        failure.getMessage());
            }
            return done;
        }).thenCompose(ignored -> message.ack());
    }
}
