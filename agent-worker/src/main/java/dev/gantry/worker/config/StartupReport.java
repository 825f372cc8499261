package dev.gantry.worker.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Says, once at start, how this agent-worker is set up. */
@Singleton
class StartupReport {

    void onStart(@Observes StartupEvent start, WorkerConfig config) {
        Log.infof("agent-worker: up to %d conversations at once, sandboxes must start within %s",
                config.maxConcurrentConversations(), config.sandboxStartTimeout());
    }
}
