package dev.gantry.eventstore.messaging;

import dev.gantry.contracts.Topics;
import dev.gantry.contracts.command.ConversationCommand;
import dev.gantry.contracts.command.DeleteConversation;
import dev.gantry.eventstore.config.EventStoreConfig;
import dev.gantry.eventstore.repository.EventRepository;
import dev.gantry.eventstore.service.KnownHeads;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets a conversation's events when it is deleted; the other commands are the agent-worker's. */
@ApplicationScoped
public class ConversationCommandConsumer {

    private final EventRepository repository;
    private final KnownHeads knownHeads;
    private final EventStoreConfig.Ingest config;

    public ConversationCommandConsumer(EventRepository repository, KnownHeads knownHeads, EventStoreConfig config) {
        this.repository = repository;
        this.knownHeads = knownHeads;
        this.config = config.ingest();
    }

    /** A record that does not read as a command arrives as null and is skipped. */
    @Incoming(Topics.CONVERSATION_COMMANDS)
    public Uni<Void> consume(ConversationCommand command) {
        if (!(command instanceof DeleteConversation delete)) {
            return Uni.createFrom().voidItem();
        }
        return repository.deleteConversation(delete.conversationId())
                .invoke(() -> knownHeads.forget(delete.conversationId()))
                .invoke(deleted -> Log.infof("conversation %s deleted: forgot its %d event(s)",
                        delete.conversationId(), deleted))
                .onFailure().invoke(failure -> Log.warnf("deleting the events of conversation %s failed, retrying: %s",
                        delete.conversationId(), failure.getMessage()))
                .onFailure().retry().withBackOff(config.retryInitialBackoff(), config.retryMaxBackoff()).indefinitely()
                .replaceWithVoid();
    }
}
