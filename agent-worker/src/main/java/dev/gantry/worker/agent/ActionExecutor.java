package dev.gantry.worker.agent;

import dev.gantry.contracts.command.ConfirmationPolicy;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.worker.execution.ActionContext;
import dev.gantry.worker.messaging.NewEvent;
import dev.gantry.worker.sandbox.SandboxUnavailableException;
import dev.gantry.worker.tools.Tool;
import dev.gantry.worker.tools.ToolArgumentException;
import dev.gantry.worker.tools.ToolContext;
import dev.gantry.worker.tools.ToolResult;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Carries out the agent's actions, each with its tool (a built-in one, or one of the conversation's MCP tools)
 * in the conversation's sandbox, and says which actions wait for the user's confirmation first: only those that
 * act on the sandbox, as the conversation's policy and the action's risk decide.
 */
final class ActionExecutor {

    private final UUID conversationId;
    private final AgentServices services;
    private final ConversationState state;
    private final ConversationResources resources;
    private final EventWriter writer;
    private final StopSignals signals;

    ActionExecutor(UUID conversationId, AgentServices services, ConversationState state,
            ConversationResources resources, EventWriter writer, StopSignals signals) {
        this.conversationId = conversationId;
        this.services = services;
        this.state = state;
        this.resources = resources;
        this.writer = writer;
        this.signals = signals;
    }

    /** Runs the actions in order; each result is written as soon as it is known. */
    void execute(List<ConversationEvent> actions) throws InterruptedException {
        for (ConversationEvent event : actions) {
            if (signals.stopRequested() || signals.halted()) {
                return;
            }
            ActionEvent action = (ActionEvent) event.payload();
            Tool tool = findTool(action.toolName()).orElseThrow();
            NewEvent result;
            ExecutionStatus after = null;
            String reason = null;
            try {
                long started = System.nanoTime();
                ToolResult outcome = resources.sandbox().call(() -> tool.run(action.arguments(), context(event.id())));
                services.metrics().toolCall(tool.name(), Duration.ofNanos(System.nanoTime() - started));
                result = NewEvent.of(EventSource.ENVIRONMENT, new ObservationEvent(event.id(), action.toolName(),
                        action.toolCallId(), outcome.content(), outcome.exitCode(), outcome.error(), outcome.images()));
                if (outcome.finishes()) {
                    after = ExecutionStatus.FINISHED;
                }
            } catch (ToolArgumentException e) {
                result = NewEvent.of(EventSource.AGENT, new AgentErrorEvent(action.toolName(), action.toolCallId(),
                        e.getMessage()));
            } catch (SandboxUnavailableException e) {
                result = NewEvent.of(EventSource.SYSTEM, new AgentErrorEvent(action.toolName(), action.toolCallId(),
                        e.getMessage()));
                after = ExecutionStatus.ERROR;
                reason = e.getMessage();
            } catch (RuntimeException e) {
                Log.warnf("conversation %s: %s failed: %s", conversationId, action.toolName(), e.toString());
                result = NewEvent.of(EventSource.SYSTEM, new AgentErrorEvent(action.toolName(), action.toolCallId(),
                        "the tool failed: " + e.getMessage()));
            }
            List<NewEvent> events = new ArrayList<>(List.of(result));
            if (after != null) {
                events.add(EventWriter.status(after, reason));
            }
            writer.write(events);
            if (after != null) {
                return;
            }
        }
    }

    /** What the tool carrying out the action {@code actionId} may use; the id goes with each of its calls. */
    private ToolContext context(UUID actionId) {
        return new ActionContext(conversationId, actionId, () -> resources.sandbox().session(), signals::stopRequested,
                signals::onStop, state::tasks);
    }

    /** A built-in tool, or one of the MCP tools as last listed. */
    Optional<Tool> findTool(String name) {
        return services.tools().find(name).or(() -> resources.mcp().find(state.mcpTools(), name));
    }

    // ---- confirmation

    boolean needsConfirmation(List<ConversationEvent> pending) {
        return needsConfirmationOf(pending.stream().map(e -> (ActionEvent) e.payload()).toList());
    }

    boolean needsConfirmationOf(List<ActionEvent> actions) {
        ConfirmationPolicy policy = resources.setup().settings().confirmationPolicy();
        return actions.stream()
                .filter(a -> findTool(a.toolName()).map(Tool::actsOnSandbox).orElse(false))
                .anyMatch(a -> services.risk().needsConfirmation(policy, a));
    }
}
