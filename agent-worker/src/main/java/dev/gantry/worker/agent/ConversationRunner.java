package dev.gantry.worker.agent;

import dev.gantry.contracts.command.ConversationCommand;
import dev.gantry.contracts.command.DeleteConversation;
import dev.gantry.contracts.command.Stop;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.platform.logging.LogContext;
import dev.gantry.platform.tracing.Tracing;
import dev.gantry.worker.agent.sandbox.SandboxRest;
import dev.gantry.worker.messaging.EventWriteFailedException;
import dev.gantry.worker.messaging.NewEvent;
import dev.gantry.worker.messaging.OwnedPartition;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Drives one conversation on a virtual thread of its own: takes its commands in order, runs the agent
 * loop between them, and is the single writer of its event log. A command's offset is settled (and
 * committed) only once the conversation is at rest again, so a worker that takes over after a crash
 * gets the command that started an unfinished run again, recognises it in the log (the first event
 * a command causes carries an id derived from the command's), and goes on with the run.
 *
 * <p>The runner keeps the mailbox and the thread's life; each concern of the run has a class of its own, so
 * it can change alone: reading the log back ({@link LogRecovery}), what a command writes
 * ({@link ConversationCommands}), the agent's steps ({@link AgentSteps}) and their actions
 * ({@link ActionExecutor}), how events reach the log ({@link EventWriter}), the sandbox and the rest built
 * from the setup ({@link ConversationResources}), and a stop or halt from the consumer thread
 * ({@link StopSignals}).
 */
final class ConversationRunner {

    /** {@code trace}: the context of the command's record, which the work it causes continues. */
    private record Inbound(long offset, ConversationCommand command, Context trace) {
    }

    private final UUID conversationId;
    private final OwnedPartition partition;
    private final AgentServices services;
    private final Predicate<ConversationRunner> leave;
    private final Consumer<ConversationRunner> gone;
    private final LinkedBlockingQueue<Inbound> mailbox = new LinkedBlockingQueue<>();
    private final ConversationState state = new ConversationState();
    private final StopSignals signals;
    private final ConversationResources resources;
    private final EventWriter writer;
    private final LogRecovery recovery;
    private final ConversationCommands commands;
    private final AgentSteps steps;
    /** Pauses the sandbox of a conversation that stays ended. */
    private final SandboxRest sandboxRest;
    private final Thread thread;
    /** The trace of the command handled last: the steps it sets going are spans of that trace. */
    private Context trace = Context.root();

    ConversationRunner(UUID conversationId, OwnedPartition partition, AgentServices services, Semaphore stepPermits,
            Predicate<ConversationRunner> leave, Consumer<ConversationRunner> gone) {
        this.conversationId = conversationId;
        this.partition = partition;
        this.services = services;
        this.leave = leave;
        this.gone = gone;
        this.signals = new StopSignals(conversationId);
        // the sandbox writes through the writer, which masks with the sandbox's secrets: hence this::write
        this.resources = new ConversationResources(conversationId, services, state, this::write);
        this.writer = new EventWriter(conversationId, partition, services.metrics(), state, resources, signals);
        this.recovery = new LogRecovery(conversationId, partition, services, state, resources);
        ActionExecutor actions = new ActionExecutor(conversationId, services, state, resources, writer, signals);
        this.steps = new AgentSteps(conversationId, services, state, resources, writer, actions, stepPermits);
        this.commands = new ConversationCommands(conversationId, services, state, resources, writer, signals, steps,
                actions);
        this.sandboxRest = new SandboxRest(services.config().sandboxPauseAfterEnd(), resources::pauseSandbox);
        this.thread = Thread.ofVirtual().name("conversation-" + conversationId).unstarted(() -> {
            LogContext.conversation(conversationId);
            run();
        });
    }

    void start() {
        thread.start();
    }

    /** Called on the consumer thread: queues the command; a stop also reaches a running tool at once. */
    void offer(long offset, ConversationCommand command, Context trace) {
        if (command instanceof Stop || command instanceof DeleteConversation) {
            signals.requestStop();
        }
        mailbox.add(new Inbound(offset, command, trace));
    }

    /** This worker lost the conversation: stop without writing anything more. */
    void halt() {
        signals.halt();
        thread.interrupt();
    }

    int partition() {
        return partition.partition();
    }

    UUID conversationId() {
        return conversationId;
    }

    boolean hasNoCommands() {
        return mailbox.isEmpty();
    }

    private void run() {
        try {
            Inbound first = mailbox.take();
            writer.open(recovery.recover(first.command()));
            handle(first);
            while (!signals.halted()) {
                if (state.status() == ExecutionStatus.RUNNING) {
                    sandboxRest.running();
                    Inbound next = mailbox.poll();
                    if (next != null) {
                        handle(next);
                    } else {
                        step();
                    }
                } else {
                    Duration wait = sandboxRest.wait(state.status(), services.config().idleEviction());
                    Inbound next = mailbox.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
                    if (next != null) {
                        handle(next);
                    } else if (!sandboxRest.restIfDue(state.status()) && leave.test(this)) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (EventWriteFailedException e) {
            Log.warnf("conversation %s stops on this worker: %s", conversationId, e.getMessage());
        } catch (RuntimeException e) {
            Log.errorf(e, "conversation %s failed on this worker", conversationId);
        } finally {
            resources.close();
            gone.accept(this);
        }
    }

    private void handle(Inbound inbound) {
        try (Tracing.ActiveSpan span = services.tracing().begin(
                "handle " + inbound.command().getClass().getSimpleName(), SpanKind.INTERNAL, inbound.trace())) {
            span.span().setAttribute(Tracing.CONVERSATION_ID, conversationId.toString());
            trace = span.context();
            commands.handle(inbound.offset(), inbound.command());
        }
    }

    /** One step (an LLM call and the actions it asks for, or the pending actions) as a span of its command's trace. */
    private void step() throws InterruptedException {
        try (Tracing.ActiveSpan span = services.tracing().begin("agent step", SpanKind.INTERNAL, trace)) {
            span.span().setAttribute(Tracing.CONVERSATION_ID, conversationId.toString());
            steps.take();
        }
    }

    private void write(List<NewEvent> events) {
        writer.write(events);
    }
}
