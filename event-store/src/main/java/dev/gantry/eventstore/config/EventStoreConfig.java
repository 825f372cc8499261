package dev.gantry.eventstore.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The event-store's own settings ({@code gantry.event-store.*}). */
@ConfigMapping(prefix = "gantry.event-store")
public interface EventStoreConfig {

    /** The most events one page of a history query holds. */
    @WithDefault("100")
    int maxPageSize();

    Ingest ingest();

    Stream stream();

    interface Ingest {

        /** The first wait before a batch whose database write failed is tried again. */
        @WithDefault("100ms")
        Duration retryInitialBackoff();

        /** The longest wait between tries: a batch is retried until it is stored, never skipped. */
        @WithDefault("10s")
        Duration retryMaxBackoff();

        /**
         * Conversations whose last stored seq this replica keeps in memory for gap detection; beyond it the
         * least recently written ones are read from the table again when their next events come.
         */
        @WithDefault("100000")
        int knownHeads();
    }

    interface Stream {

        /** How often an idle live stream gets a comment, so proxies keep it open. */
        @WithDefault("15s")
        Duration heartbeat();

        /** Events a live stream may hold for a slow client before it ends the stream. */
        @WithDefault("2048")
        int bufferSize();

        /** Events read from the database per query while a stream replays history. */
        @WithDefault("500")
        int replayPageSize();

        /** The Redis pub/sub channel on which every replica announces the events it has stored. */
        @WithDefault("gantry:conversation-events")
        String channel();

        /** How long an announcement on Redis may take before it counts as failed and the next one goes. */
        @WithDefault("5s")
        Duration publishTimeout();

        /**
         * How often each replica sends itself a probe on the channel. A probe that has not come back by the next
         * one, or a subscription whose connection ends, counts as the channel lost: the replica subscribes again
         * and, until a probe comes back, its streams read the log at this pace instead of waiting for announcements.
         */
        @WithDefault("1s")
        Duration probeInterval();

        /** How long start-up waits for the Redis subscription before it gives up. */
        @WithDefault("10s")
        Duration subscribeTimeout();
    }
}
