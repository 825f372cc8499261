package dev.gantry.worker.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.command.ConfirmationPolicy;
import dev.gantry.contracts.command.ConfirmationResponse;
import dev.gantry.contracts.command.ConversationCommand;
import dev.gantry.contracts.command.DeleteConversation;
import dev.gantry.contracts.command.Pause;
import dev.gantry.contracts.command.Resume;
import dev.gantry.contracts.command.SendMessage;
import dev.gantry.contracts.command.StartConversation;
import dev.gantry.contracts.command.Stop;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.PauseEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent;
import dev.gantry.contracts.event.SystemPromptEvent;
import dev.gantry.contracts.event.UserRejectObservation;
import dev.gantry.worker.messaging.NewEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What each of a conversation's commands writes to its log. A command whose first event is already in the log
 * (delivered again after a take-over) writes nothing: its id, derived from the command's, says so. Every command's
 * offset is held until the conversation is at rest again.
 */
final class ConversationCommands {

    private final UUID conversationId;
    private final AgentServices services;
    private final ConversationState state;
    private final ConversationResources resources;
    private final EventWriter writer;
    private final StopSignals signals;
    private final AgentSteps steps;
    private final ActionExecutor actions;

    ConversationCommands(UUID conversationId, AgentServices services, ConversationState state,
            ConversationResources resources, EventWriter writer, StopSignals signals, AgentSteps steps,
            ActionExecutor actions) {
        this.conversationId = conversationId;
        this.services = services;
        this.state = state;
        this.resources = resources;
        this.writer = writer;
        this.signals = signals;
        this.steps = steps;
        this.actions = actions;
    }

    void handle(long offset, ConversationCommand command) {
        writer.holdOffset(offset);
        UUID causedId = NewEvent.idCausedBy(command.commandId());
        if (state.contains(causedId) || (resources.setup() == null && !(command instanceof StartConversation))) {
            writer.settleIfAtRest();
            return;
        }
        switch (command) {
            case StartConversation start -> start(start);
            case SendMessage message -> message(message);
            case Pause pause -> {
                if (active()) {
                    writer.write(List.of(NewEvent.causedBy(pause.commandId(), EventSource.USER, new PauseEvent()),
                            EventWriter.status(ExecutionStatus.PAUSED, null)));
                }
            }
            case Resume resume -> {
                if (state.status() == ExecutionStatus.PAUSED || state.status() == ExecutionStatus.STOPPED
                        || state.status() == ExecutionStatus.IDLE) {
                    signals.clearStop();
                    steps.newRun();
                    List<NewEvent> events = new ArrayList<>(List.of(NewEvent.causedBy(resume.commandId(),
                            EventSource.USER, ConversationStateUpdateEvent.status(statusToGoOn()))));
                    resources.sandbox().wake().ifPresent(events::add);
                    writer.write(events);
                }
            }
            case Stop stop -> stop(stop.commandId());
            case ConfirmationResponse response -> confirm(response);
            case DeleteConversation delete -> {
                stop(delete.commandId());
                signals.halt();
            }
        }
        writer.settleIfAtRest();
    }

    private void start(StartConversation start) {
        if (state.started()) {
            return;
        }
        resources.setUp(ConversationSetup.of(start));
        List<JsonNode> tools = services.tools().specifications(
                start.settings().confirmationPolicy() != ConfirmationPolicy.NEVER, start.repository() != null);
        List<NewEvent> events = new ArrayList<>();
        events.add(NewEvent.causedBy(start.commandId(), EventSource.SYSTEM,
                new SystemPromptEvent(services.systemPrompt().text(start.sandboxId()), tools)));
        Optional<SkillsLoadedEvent> skills = services.skills().atStart(conversationId, state.skills());
        skills.ifPresent(loaded -> events.add(NewEvent.of(EventSource.SYSTEM, loaded)));
        if (start.initialMessage() != null) {
            if (!Replay.applies(start.settings().model())) {
                services.budgets().noticeAtStart(start.settings()).ifPresent(n -> events.add(NewEvent.of(EventSource.SYSTEM, n)));
            }
            events.add(NewEvent.of(EventSource.USER, new MessageEvent(start.initialMessage(),
                    state.skills().with(skills).triggeredBy(start.initialMessage()))));
            events.add(EventWriter.status(ExecutionStatus.RUNNING, null));
        } else {
            events.add(EventWriter.status(ExecutionStatus.IDLE, null));
        }
        steps.newRun();
        writer.write(events);
    }

    private void message(SendMessage message) {
        List<NewEvent> events = new ArrayList<>();
        events.add(NewEvent.causedBy(message.commandId(), EventSource.USER, new MessageEvent(message.content(),
                state.skills().triggeredBy(message.content()))));
        if (message.run() && state.status() != ExecutionStatus.RUNNING
                && state.status() != ExecutionStatus.WAITING_FOR_CONFIRMATION) {
            signals.clearStop();
            steps.newRun();
            events.add(EventWriter.status(ExecutionStatus.RUNNING, null));
            resources.sandbox().wake().ifPresent(events::add);
        }
        writer.write(events);
    }

    private void stop(UUID commandId) {
        if (!active() && state.status() != ExecutionStatus.PAUSED) {
            return;
        }
        List<NewEvent> events = new ArrayList<>();
        for (ConversationEvent pending : state.pendingActions()) {
            ActionEvent action = (ActionEvent) pending.payload();
            events.add(NewEvent.of(EventSource.SYSTEM, new AgentErrorEvent(action.toolName(), action.toolCallId(),
                    "not run: the user stopped the agent")));
        }
        events.add(NewEvent.causedBy(commandId, EventSource.USER,
                ConversationStateUpdateEvent.status(ExecutionStatus.STOPPED)));
        writer.write(events);
        signals.clearStop();
    }

    private void confirm(ConfirmationResponse response) {
        if (state.status() != ExecutionStatus.WAITING_FOR_CONFIRMATION) {
            return;
        }
        if (response.accept()) {
            writer.write(List.of(NewEvent.causedBy(response.commandId(), EventSource.USER,
                    ConversationStateUpdateEvent.status(ExecutionStatus.RUNNING))));
            return;
        }
        List<NewEvent> events = new ArrayList<>();
        boolean first = true;
        for (ConversationEvent pending : state.pendingActions()) {
            ActionEvent action = (ActionEvent) pending.payload();
            UserRejectObservation rejection = new UserRejectObservation(pending.id(), action.toolName(),
                    action.toolCallId(), response.reason());
            events.add(first ? NewEvent.causedBy(response.commandId(), EventSource.USER, rejection)
                    : NewEvent.of(EventSource.USER, rejection));
            first = false;
        }
        events.add(EventWriter.status(ExecutionStatus.RUNNING, null));
        writer.write(events);
    }

    private boolean active() {
        return state.status() == ExecutionStatus.RUNNING || state.status() == ExecutionStatus.WAITING_FOR_CONFIRMATION;
    }

    private ExecutionStatus statusToGoOn() {
        return actions.needsConfirmation(state.pendingActions()) ? ExecutionStatus.WAITING_FOR_CONFIRMATION
                : ExecutionStatus.RUNNING;
    }
}
