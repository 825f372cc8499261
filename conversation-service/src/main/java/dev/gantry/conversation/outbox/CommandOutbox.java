package dev.gantry.conversation.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.command.ConversationCommand;
import dev.gantry.contracts.sandbox.SandboxCommand;
import dev.gantry.platform.tracing.Tracing;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Writes commands into the outbox, in the transaction of the change that issues them: they are
 * committed together or not at all, and the {@link OutboxRelay} takes them to Kafka afterwards.
 */
@ApplicationScoped
public class CommandOutbox {

    private final OutboxRepository outbox;
    private final ObjectMapper json;
    private final Tracing tracing;

    CommandOutbox(OutboxRepository outbox, ObjectMapper json, Tracing tracing) {
        this.outbox = outbox;
        this.json = json;
        this.tracing = tracing;
    }

    /** Queues a command for {@link Topics#CONVERSATION_COMMANDS}, keyed by its conversation. */
    @WithTransaction
    public Uni<Void> enqueue(ConversationCommand command) {
        return enqueue(command, null);
    }

    /**
     * As {@link #enqueue(ConversationCommand)}; with {@code heldFor}, the relay keeps it until that queued
     * conversation is admitted.
     */
    @WithTransaction
    public Uni<Void> enqueue(ConversationCommand command, UUID heldFor) {
        return write(Topics.CONVERSATION_COMMANDS, command.conversationId(), command.commandId(),
                command.getClass().getSimpleName(), serialize(ConversationCommand.class, command), heldFor);
    }

    /** Queues a command for {@link Topics#SANDBOX_COMMANDS}, keyed by its sandbox. */
    @WithTransaction
    public Uni<Void> enqueue(SandboxCommand command) {
        return enqueue(command, null);
    }

    /** As {@link #enqueue(SandboxCommand)}, held for a queued conversation as {@link #enqueue(ConversationCommand, UUID)}. */
    @WithTransaction
    public Uni<Void> enqueue(SandboxCommand command, UUID heldFor) {
        return write(Topics.SANDBOX_COMMANDS, command.sandboxId(), command.commandId(),
                command.getClass().getSimpleName(), serialize(SandboxCommand.class, command), heldFor);
    }

    /** Lets the relay send, in the order they were written, the commands held for the conversation. */
    @WithTransaction
    public Uni<Integer> release(UUID conversation) {
        return outbox.release(List.of(conversation));
    }

    /** Forgets the commands held for the conversation, which is deleted before it ran. */
    @WithTransaction
    public Uni<Long> dropHeld(UUID conversation) {
        return outbox.dropHeld(conversation);
    }

    private Uni<Void> write(String topic, UUID key, UUID commandId, String kind, String payload, UUID heldFor) {
        OutboxMessage message = new OutboxMessage();
        message.topic = topic;
        message.recordKey = key.toString();
        message.commandId = commandId;
        message.kind = kind;
        message.payload = payload;
        message.heldFor = heldFor;
        message.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // the relay sends it later, on a pass of its own: the row keeps the trace of the request that issued it
        message.traceparent = tracing.traceparent();
        return outbox.persist(message).replaceWithVoid();
    }

    /** Written as the sealed type, so the JSON carries the {@code kind} its consumers switch on. */
    private <T> String serialize(Class<T> type, T command) {
        try {
            return json.writerFor(type).writeValueAsString(command);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a command record did not serialize: " + type.getSimpleName(), e);
        }
    }
}
