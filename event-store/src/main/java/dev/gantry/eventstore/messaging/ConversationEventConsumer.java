package dev.gantry.eventstore.messaging;

import dev.gantry.contracts.Topics;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.eventstore.config.EventStoreConfig;
import dev.gantry.eventstore.service.EventIngestor;
import dev.gantry.eventstore.service.IngestMetrics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes the event topic batch by batch. A batch is acknowledged when the returned Uni completes,
 * that is after its rows are committed, so the committed Kafka offsets never run ahead of the
 * database. A failed write is retried with backoff, never skipped: the log has no holes of our making.
 */
@ApplicationScoped
public class ConversationEventConsumer {

    private final EventIngestor ingestor;
    private final IngestMetrics metrics;
    private final EventStoreConfig.Ingest config;

    public ConversationEventConsumer(EventIngestor ingestor, IngestMetrics metrics, EventStoreConfig config) {
        this.ingestor = ingestor;
        this.metrics = metrics;
        this.config = config.ingest();
    }

    /** Records that do not read as an event arrive as null (see fail-on-deserialization-failure). */
    @Incoming(Topics.CONVERSATION_EVENTS)
    public Uni<Void> consume(List<ConversationEvent> records) {
        List<ConversationEvent> events = records.stream().filter(Objects::nonNull).toList();
        int unreadable = records.size() - events.size();
        if (unreadable > 0) {
            metrics.unreadable(unreadable);
            Log.warnf("skipped %d record(s) of %s that are not valid events", unreadable, Topics.CONVERSATION_EVENTS);
        }
        return ingestor.ingest(events)
                .onFailure().invoke(failure -> Log.warnf("storing a batch of %d events failed, retrying: %s",
                        events.size(), failure.getMessage()))
                .onFailure().retry().withBackOff(config.retryInitialBackoff(), config.retryMaxBackoff()).indefinitely()
                .replaceWithVoid();
    }
}
