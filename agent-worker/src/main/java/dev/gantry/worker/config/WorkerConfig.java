package dev.gantry.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The agent-worker's own settings ({@code gantry.worker.*}). */
@ConfigMapping(prefix = "gantry.worker")
public interface WorkerConfig {

    /** How long a conversation waits for its sandbox to be RUNNING before it fails with an error. */
    @WithDefault("120s")
    Duration sandboxStartTimeout();

    /** How many conversations this worker drives at once; more wait their turn. */
    @WithDefault("64")
    int maxConcurrentConversations();
}
