package dev.gantry.eventstore.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Says, once at start, how this event-store is set up. */
@Singleton
class StartupReport {

    void onStart(@Observes StartupEvent start, EventStoreConfig config) {
        Log.infof("event-store: pages of at most %d events, stream heartbeat every %s, stream buffer %d events,"
                + " live fan-out on Redis channel %s",
                config.maxPageSize(), config.stream().heartbeat(), config.stream().bufferSize(),
                config.stream().channel());
    }
}
