package dev.gantry.conversation.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.conversation.admission.AdmissionPass;
import dev.gantry.conversation.config.ProjectionConfig;
import dev.gantry.conversation.repository.ConversationRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps each conversation's status, metrics, last seq and update time current from its event log. Events come in
 * batches (what one poll of the consumer returned): each conversation's row is brought to where the batch leaves it
 * with one update, all in one transaction, so a burst of events costs a transaction, not one per event.
 * A redelivered event (seq not above the stored last seq) changes nothing.
 */
@ApplicationScoped
public class ConversationEventProjection {

    private final ConversationRepository conversations;
    private final ObjectMapper json;
    private final ProjectionConfig config;
    private final AdmissionPass admission;

    ConversationEventProjection(ConversationRepository conversations, ObjectMapper json, ProjectionConfig config,
            AdmissionPass admission) {
        this.conversations = conversations;
        this.json = json;
        this.config = config;
        this.admission = admission;
    }

    @Incoming(Topics.CONVERSATION_EVENTS)
    public Uni<Void> onEvents(List<String> records) {
        // one bad record must not stop the projection of every other conversation
        List<ConversationEvent> events = records.stream().map(record -> ConversationEvent.fromRecord(json, record))
                .flatMap(Optional::stream).toList();
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Collection<ConversationProgress> progress = ConversationProgress.fold(events);
        return Panache.withTransaction(() -> Multi.createFrom().iterable(progress)
                        .onItem().transformToUniAndConcatenate(conversations::applyProgress)
                        .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue)))
                // applying progress is idempotent, so a retry after an unclear failure is safe
                .onFailure().retry().withBackOff(config.retryBackoff()).atMost(config.retries())
                .invoke(changed -> Log.debugf("%d events of %d conversations: %d rows changed", events.size(),
                        progress.size(), changed))
                // a conversation that stopped running frees a place for a queued one
                .invoke(() -> {
                    if (progress.stream().anyMatch(p -> p.status() != null && p.status() != ExecutionStatus.RUNNING)) {
                        admission.wakeUp();
                    }
                })
                .replaceWithVoid();
    }
}
