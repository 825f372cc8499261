package dev.gantry.conversation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox relay moves committed commands to Kafka ({@code gantry.outbox.*}). */
@ConfigMapping(prefix = "gantry.outbox")
public interface OutboxConfig {

    /**
     * How often the relay looks for commands not yet on Kafka; read by the scheduler as
     * {@code ${gantry.outbox.poll-interval}}. Quarkus' scheduler runs nothing more often than every second.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** The most commands one relay pass sends. */
    @WithDefault("100")
    int batchSize();

    /**
     * How long one send may wait for the broker (metadata and acknowledgement) before the relay
     * gives up on this pass and leaves the command pending for the next one.
     */
    @WithDefault("10s")
    Duration sendTimeout();

    /** How long a sent command stays in the table, for audit, before the relay purges it. */
    @WithDefault("P7D")
    Duration retention();
}
