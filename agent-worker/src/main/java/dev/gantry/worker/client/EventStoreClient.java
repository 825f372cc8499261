package dev.gantry.worker.client;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.worker.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Reads a conversation's stored events back, retrying the event-store's passing failures. */
@ApplicationScoped
public class EventStoreClient {

    private final EventStoreApi api;
    private final WorkerConfig config;

    EventStoreClient(@RestClient EventStoreApi api, WorkerConfig config) {
        this.api = api;
        this.config = config;
    }

    /** Every stored event of the conversation, by seq. */
    @Retry(maxRetries = 5, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    public List<ConversationEvent> history(UUID conversationId) {
        List<ConversationEvent> events = new ArrayList<>();
        String pageId = null;
        do {
            EventStoreApi.EventPage page = api.events(conversationId, 0, config.recovery().pageSize(), pageId);
            events.addAll(page.items());
            pageId = page.nextPageId();
        } while (pageId != null);
        return events;
    }
}
