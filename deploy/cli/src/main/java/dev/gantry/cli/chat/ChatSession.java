package dev.gantry.cli.chat;

import dev.gantry.cli.EventLine;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.UserRejectObservation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * What the chat knows of its conversation from the events it has seen, and the terminal they are printed on:
 * the status, the actions of the agent's latest step still waiting for their observation, and whether the
 * user has been asked about them. The stream's thread hands it events while the keyboard's thread asks it
 * whether a line is an answer, so every method holds its lock.
 */
public final class ChatSession {

    private final PrintStream out;
    private final long catchUpSeq;
    private ExecutionStatus status;
    private final List<ConversationEvent> stepActions = new ArrayList<>();
    private final Set<UUID> done = new HashSet<>();
    private boolean lastWasAction;
    private boolean prompted;
    private boolean answerSent;

    /**
     * @param status     the conversation's status when the chat opened it
     * @param catchUpSeq its newest event then: events up to it are history, and a confirmation is asked for once
     *                   they are all printed
     */
    public ChatSession(PrintStream out, ExecutionStatus status, long catchUpSeq) {
        this.out = out;
        this.status = status;
        this.catchUpSeq = catchUpSeq;
    }

    /** Prints the event and updates what the chat knows; asks for confirmation once the agent waits for it. */
    public synchronized void accept(ConversationEvent event) {
        EventLine.render(event).ifPresent(out::println);
        switch (event.payload()) {
            case ActionEvent ignored -> {
                if (!lastWasAction) {
                    stepActions.clear();
                    done.clear();
                }
                stepActions.add(event);
            }
            case ObservationEvent observation -> done.add(observation.actionId());
            case UserRejectObservation rejection -> done.add(rejection.actionId());
            case ConversationStateUpdateEvent update when update.status() != null -> changeStatus(update.status());
            default -> {
                // the other events change nothing the chat acts on
            }
        }
        lastWasAction = event.payload() instanceof ActionEvent;
        if (event.seq() >= catchUpSeq) {
            askIfWaiting();
        }
        out.flush();
    }

    /** Called when the history is shown, or when there was none: asks if the agent already waits. */
    public synchronized void caughtUp() {
        askIfWaiting();
        out.flush();
    }

    private void changeStatus(ExecutionStatus next) {
        if (next != status) {
            prompted = false;
            answerSent = false;
        }
        status = next;
    }

    private void askIfWaiting() {
        if (status == ExecutionStatus.WAITING_FOR_CONFIRMATION && !prompted) {
            prompted = true;
            out.print(ConfirmationPrompt.render(pendingActions()));
        }
    }

    private List<ActionEvent> pendingActions() {
        return stepActions.stream().filter(e -> !done.contains(e.id())).map(e -> (ActionEvent) e.payload()).toList();
    }

    /** Whether a typed line answers the confirmation asked: the prompt is shown and not yet answered. */
    public synchronized boolean awaitingAnswer() {
        return status == ExecutionStatus.WAITING_FOR_CONFIRMATION && prompted && !answerSent;
    }

    /** The answer went to the server: later lines are messages again, until the agent asks again. */
    public synchronized void answerSent() {
        answerSent = true;
    }

    public synchronized ExecutionStatus status() {
        return status;
    }

    /** Prints a line of the chat's own (a notice, a command's outcome) between the events. */
    public synchronized void notice(String text) {
        out.println(text);
        out.flush();
    }

    /** The status as the API writes it: {@code waiting_for_confirmation}. */
    static String name(ExecutionStatus status) {
        return status == null ? "unknown" : status.name().toLowerCase(Locale.ROOT);
    }
}
