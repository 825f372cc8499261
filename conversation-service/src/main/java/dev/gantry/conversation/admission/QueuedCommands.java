package dev.gantry.conversation.admission;

import dev.gantry.contracts.command.ConversationCommand;
import dev.gantry.contracts.command.Stop;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.conversation.outbox.CommandOutbox;
import dev.gantry.conversation.repository.ConversationEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * What admission means for a conversation's commands: those given to a queued conversation wait with it in the
 * outbox, in order, until the {@link AdmissionPass} lets it run; a stop takes it out of the queue; what a deleted one
 * held goes with it. Each method runs in the caller's transaction, which has the conversation's row locked, so no
 * command is held after its conversation was released.
 */
@ApplicationScoped
public class QueuedCommands {

    private final Admission admission;
    private final AdmissionPass pass;
    private final CommandOutbox outbox;

    QueuedCommands(Admission admission, AdmissionPass pass, CommandOutbox outbox) {
        this.admission = admission;
        this.pass = pass;
        this.outbox = outbox;
    }

    /**
     * Whom the commands that set the conversation going are to be held for: the conversation itself while it is
     * queued, or once admission queues it; null when it runs now (admission set it {@code running}) or its agent is
     * busy (running, paused or waiting for a confirmation), so the commands only join what the agent does.
     */
    public Uni<UUID> toRun(ConversationEntity conversation, Instant now) {
        return switch (conversation.status) {
            case QUEUED -> Uni.createFrom().item(conversation.id);
            case RUNNING, PAUSED, WAITING_FOR_CONFIRMATION -> Uni.createFrom().nullItem();
            case IDLE, FINISHED, ERROR, STUCK, STOPPED -> admission.runOrQueue(conversation, now);
        };
    }

    /**
     * Writes a command that does not set the agent going (pause, resume, stop, a confirmation, a message not to run).
     * While the conversation is queued the command waits with it, except a stop: that ends the conversation
     * ({@code stopped}) without a step, and the commands held for it go out now, followed by the stop, so the agent is
     * told of everything and does nothing.
     */
    public Uni<Void> enqueue(ConversationEntity conversation, ConversationCommand command, Instant now) {
        if (conversation.status != ExecutionStatus.QUEUED) {
            return outbox.enqueue(command);
        }
        if (command instanceof Stop) {
            conversation.status = ExecutionStatus.STOPPED;
            conversation.queuedAt = null;
            conversation.updatedAt = now;
            return outbox.release(conversation.id).call(() -> outbox.enqueue(command)).replaceWithVoid();
        }
        return outbox.enqueue(command, conversation.id);
    }

    /** Before a delete: what was held for a queued conversation never went out, and nobody is to see it now. */
    public Uni<Long> discardHeld(ConversationEntity conversation) {
        return conversation.status == ExecutionStatus.QUEUED ? outbox.dropHeld(conversation.id)
                : Uni.createFrom().item(0L);
    }

    /**
     * After the commit: a conversation queued for want of admission's lock (or of a place) is looked at again by a
     * pass right away, and runs at once if there is room.
     */
    public void afterCommit(ExecutionStatus status) {
        if (status == ExecutionStatus.QUEUED) {
            pass.wakeUp();
        }
    }
}
