package dev.gantry.conversation.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Says, once at start, how this conversation-service is set up (never the keys or tokens). */
@Singleton
class StartupReport {

    void onStart(@Observes StartupEvent start, ConversationConfig config, OutboxConfig outbox) {
        Log.infof("conversation-service: default model %s, at most %d iterations, confirmation %s",
                config.defaults().model(), config.defaults().maxIterations(), config.defaults().confirmationPolicy());
        Log.infof("conversation-service: outbox relayed every %s, %d commands a pass, send timeout %s",
                outbox.pollInterval(), outbox.batchSize(), outbox.sendTimeout());
    }
}
