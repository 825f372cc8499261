package dev.gantry.worker.agent;

import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationMetrics;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.McpToolsEvent;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.RepositoryClonedEvent;
import dev.gantry.contracts.event.SystemPromptEvent;
import dev.gantry.contracts.event.UserRejectObservation;
import dev.gantry.worker.condenser.ContextView;
import dev.gantry.worker.skills.ConversationSkills;
import dev.gantry.worker.tools.TaskTrackerTool;
import dev.gantry.worker.tools.ToolContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a conversation is, derived from its event log only, so a worker that reads the log back is
 * exactly where the previous one was: status, metrics, task list, the actions still to run, and the view the
 * LLM is shown. The log itself is not kept: its memory stays bounded once the condenser keeps the view so.
 */
final class ConversationState {

    /** How many of the latest events the stuck detector is given: its longest pattern spans six steps. */
    static final int RECENT_EVENTS = 100;

    /** What the LLM is shown; the rest of the log is not kept. */
    private final ContextView view = new ContextView();
    private final ArrayDeque<ConversationEvent> recent = new ArrayDeque<>();
    private final Set<UUID> eventIds = new HashSet<>();
    /** Actions without a result yet, by tool call id, in the order they were decided. */
    private final Map<String, ConversationEvent> pendingActions = new LinkedHashMap<>();
    private final Set<String> answeredCalls = new HashSet<>();
    private ExecutionStatus status = ExecutionStatus.IDLE;
    private ConversationMetrics metrics = ConversationMetrics.ZERO;
    private SystemPromptEvent systemPrompt;
    /** The MCP tools as last listed; null until they are. */
    private McpToolsEvent mcpTools;
    private List<ToolContext.Task> tasks = List.of();
    private boolean repositoryCloned;
    private String firstUserMessage;
    private long actionCount;
    private long lastSeq;
    private final ConversationSkills skills = new ConversationSkills();

    void apply(ConversationEvent event) {
        view.add(event);
        recent.addLast(event);
        if (recent.size() > RECENT_EVENTS) {
            recent.removeFirst();
        }
        eventIds.add(event.id());
        lastSeq = event.seq();
        skills.apply(event);
        switch (event.payload()) {
            case SystemPromptEvent prompt -> systemPrompt = prompt;
            case RepositoryClonedEvent cloned -> repositoryCloned = true;
            case McpToolsEvent tools -> mcpTools = tools;
            case ConversationStateUpdateEvent update -> {
                if (update.status() != null) {
                    status = update.status();
                }
                if (update.metrics() != null) {
                    metrics = update.metrics();
                }
            }
            case MessageEvent message when event.source() == EventSource.USER && firstUserMessage == null ->
                    firstUserMessage = message.content();
            case ActionEvent action -> {
                pendingActions.put(action.toolCallId(), event);
                actionCount++;
            }
            case ObservationEvent observation -> {
                ConversationEvent action = pendingActions.get(observation.toolCallId());
                answered(observation.toolCallId());
                if (action != null && action.payload() instanceof ActionEvent a && "task_tracker".equals(a.toolName())
                        && !observation.error() && "plan".equals(a.arguments().path("command").asText())) {
                    tasks = TaskTrackerTool.parse(a.arguments().path("task_list"));
                }
            }
            case UserRejectObservation rejection -> answered(rejection.toolCallId());
            case AgentErrorEvent error when error.toolCallId() != null -> answered(error.toolCallId());
            default -> {
                // messages, pauses and condensations change nothing here
            }
        }
    }

    private void answered(String toolCallId) {
        pendingActions.remove(toolCallId);
        answeredCalls.add(toolCallId);
    }

    /** The events the LLM is shown: the log with its condensations applied. */
    ContextView view() {
        return view;
    }

    /** The latest {@link #RECENT_EVENTS} events of the log, oldest first. */
    List<ConversationEvent> recentEvents() {
        return List.copyOf(recent);
    }

    /** The user's first message: a replayed conversation's trajectory. */
    Optional<String> firstUserMessage() {
        return Optional.ofNullable(firstUserMessage);
    }

    boolean contains(UUID eventId) {
        return eventIds.contains(eventId);
    }

    /** The conversation's repository is in its workspace. */
    boolean repositoryCloned() {
        return repositoryCloned;
    }

    boolean started() {
        return systemPrompt != null;
    }

    SystemPromptEvent systemPrompt() {
        return systemPrompt;
    }

    /** The skills loaded and activated so far. */
    ConversationSkills skills() {
        return skills;
    }

    McpToolsEvent mcpTools() {
        return mcpTools;
    }

    /** The tool specifications the LLM is offered: the built-in ones, then the MCP tools as last listed. */
    List<com.fasterxml.jackson.databind.JsonNode> toolSpecifications() {
        List<com.fasterxml.jackson.databind.JsonNode> tools = new ArrayList<>(systemPrompt.tools());
        if (mcpTools != null) {
            mcpTools.tools().forEach(t -> tools.add(t.specification()));
        }
        return tools;
    }

    /** The names of the tools the LLM is offered, as {@link #toolSpecifications()} names them. */
    List<String> toolNames() {
        return toolSpecifications().stream().map(spec -> spec.path("function").path("name").asText()).toList();
    }

    ExecutionStatus status() {
        return status;
    }

    ConversationMetrics metrics() {
        return metrics;
    }

    List<ToolContext.Task> tasks() {
        return tasks;
    }

    /** The actions decided but not yet answered, oldest first. */
    List<ConversationEvent> pendingActions() {
        return List.copyOf(pendingActions.values());
    }

    long actionCount() {
        return actionCount;
    }

    long lastSeq() {
        return lastSeq;
    }
}
