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

    Stream stream();

    interface Stream {

        /** How often an idle live stream gets a comment, so proxies keep it open. */
        @WithDefault("15s")
        Duration heartbeat();

        /** Events a live stream may hold for a slow client before it ends the stream. */
        @WithDefault("1024")
        int bufferSize();
    }
}
