package dev.gantry.conversation.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.conversation.config.ProjectionConfig;
import dev.gantry.conversation.repository.ConversationRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps each conversation's status, metrics, last seq and update time current from its event log.
 * A redelivered event (seq not above the stored last seq) changes nothing.
 */
@ApplicationScoped
public class ConversationEventProjection {

    private final ConversationRepository conversations;
    private final ObjectMapper json;
    private final ProjectionConfig config;

    ConversationEventProjection(ConversationRepository conversations, ObjectMapper json, ProjectionConfig config) {
        this.conversations = conversations;
        this.json = json;
        this.config = config;
    }

    @Incoming(Topics.CONVERSATION_EVENTS)
    public Uni<Void> onEvent(String record) {
        // one bad record must not stop the projection of every other conversation
        Optional<ConversationEvent> read = ConversationEvent.fromRecord(json, record);
        if (read.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ConversationEvent event = read.get();
        return Panache.withTransaction(() -> conversations.applyEvent(event))
                // applying an event is idempotent, so a retry after an unclear failure is safe
                .onFailure().retry().withBackOff(config.retryBackoff()).atMost(config.retries())
                .invoke(changed -> {
                    if (changed == 0) {
                        Log.debugf("event %d of conversation %s changed nothing (seen already, or no such conversation)",
                                event.seq(), event.conversationId());
                    }
                })
                .replaceWithVoid();
    }
}
