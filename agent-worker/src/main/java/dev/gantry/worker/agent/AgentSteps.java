package dev.gantry.worker.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.contracts.command.ConfirmationPolicy;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationMetrics;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.McpToolsEvent;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.worker.agent.history.ChatHistory;
import dev.gantry.worker.condenser.Condensation;
import dev.gantry.worker.execution.ActionIds;
import dev.gantry.worker.git.RepositoryCheckout;
import dev.gantry.worker.llm.LlmFailureException;
import dev.gantry.worker.llm.LlmReply;
import dev.gantry.worker.llm.LlmSettings;
import dev.gantry.worker.llm.VisionModels;
import dev.gantry.worker.messaging.NewEvent;
import dev.gantry.worker.stuck.ContextWindow;
import dev.gantry.worker.stuck.StuckDetector;
import dev.gantry.worker.stuck.StuckPattern;
import dev.gantry.worker.tools.Tool;
import dev.gantry.worker.tools.ToolCatalog;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;

/**
 * The agent's steps while its conversation runs, one at a time. A step carries out the pending actions if there
 * are any; else it ends the run at a limit (its steps, its budget, a loop it is stuck in), clones the repository,
 * condenses the LLM's view or lists the MCP tools when due, and then asks the LLM (or the recorded trajectory)
 * for the next move and records it. Each of these is a step of its own, so a take-over in between decides the
 * same way again.
 */
final class AgentSteps {

    private final UUID conversationId;
    private final AgentServices services;
    private final ConversationState state;
    private final ConversationResources resources;
    private final EventWriter writer;
    private final ActionExecutor actions;
    /** Shared by the worker's conversations: at most so many take a step at the same time. */
    private final Semaphore stepPermits;
    /** The steps taken since the run began, held against the run's limit. */
    private int iterations;

    AgentSteps(UUID conversationId, AgentServices services, ConversationState state, ConversationResources resources,
            EventWriter writer, ActionExecutor actions, Semaphore stepPermits) {
        this.conversationId = conversationId;
        this.services = services;
        this.state = state;
        this.resources = resources;
        this.writer = writer;
        this.actions = actions;
        this.stepPermits = stepPermits;
    }

    /** The conversation (re)starts running: its steps are counted afresh. */
    void newRun() {
        iterations = 0;
    }

    /** One step: an LLM call and the actions it asks for, or the pending actions. */
    void take() throws InterruptedException {
        stepPermits.acquire();
        try {
            List<ConversationEvent> pending = state.pendingActions();
            if (!pending.isEmpty()) {
                actions.execute(pending);
                return;
            }
            ConversationSetup setup = resources.setup();
            AgentSettings settings = setup.settings();
            int maxIterations = Math.min(settings.maxIterations(), services.config().maxIterations());
            if (iterations >= maxIterations) {
                writer.write(List.of(EventWriter.status(ExecutionStatus.ERROR, "the agent reached its limit of "
                        + maxIterations + " steps in this run")));
                return;
            }
            Optional<String> spent = services.budgets().exhausted(settings, state.metrics());
            if (spent.isPresent()) {
                writer.write(List.of(NewEvent.of(EventSource.SYSTEM, new AgentErrorEvent(spent.get())),
                        EventWriter.status(ExecutionStatus.ERROR, spent.get())));
                return;
            }
            Optional<StuckPattern> stuck = StuckDetector.detect(state.recentEvents());
            if (stuck.isPresent()) {
                writer.write(List.of(EventWriter.status(ExecutionStatus.STUCK, stuck.get().reason())));
                return;
            }
            if (setup.repository() != null && !state.repositoryCloned()) {
                checkOut();
                return;
            }
            if (!Replay.applies(settings.model()) && condensed(settings)) {
                return;
            }
            iterations++;
            Optional<McpToolsEvent> mcpListing = resources.mcp().listingDue(state.mcpTools(),
                    settings.confirmationPolicy() != ConfirmationPolicy.NEVER);
            if (mcpListing.isPresent()) {
                writer.write(List.of(NewEvent.of(EventSource.SYSTEM, mcpListing.get())));
            }
            decide(settings);
        } finally {
            stepPermits.release();
        }
    }

    /** Asks the LLM (or the recorded trajectory) for the next move and records it. */
    private void decide(AgentSettings settings) throws InterruptedException {
        LlmReply reply;
        if (Replay.applies(settings.model())) {
            reply = replayed();
        } else {
            try {
                reply = services.llm().chat(llmSettings(settings), ChatHistory.toMessages(state.view().events(),
                                new VisionModels(services.config().llm().visionModelPrefixes())
                                        .readsImages(settings.model())),
                        ToolCatalog.toLangChain(state.toolSpecifications()));
            } catch (LlmFailureException e) {
                List<NewEvent> events = new ArrayList<>();
                events.add(NewEvent.of(EventSource.SYSTEM, new AgentErrorEvent(e.getMessage())));
                if (!ContextWindow.isExceeded(e.getMessage())) {
                    events.add(EventWriter.status(ExecutionStatus.ERROR, e.getMessage()));
                }
                writer.write(events);
                return;
            }
        }
        ConversationMetrics metrics = services.budgets().after(state.metrics(), reply,
                reply.model() != null ? reply.model() : settings.model(), resources.setup().ownerId());
        AiMessage message = reply.message();
        if (!message.hasToolExecutionRequests()) {
            writer.write(List.of(
                    NewEvent.of(EventSource.AGENT, new MessageEvent(message.text() == null ? "" : message.text())),
                    NewEvent.of(EventSource.SYSTEM, new ConversationStateUpdateEvent(ExecutionStatus.IDLE, null, metrics))));
            return;
        }
        List<NewEvent> events = new ArrayList<>();
        List<ActionEvent> decided = new ArrayList<>();
        String thought = message.text();
        for (ToolExecutionRequest call : message.toolExecutionRequests()) {
            String callId = call.id() == null || call.id().isBlank() ? "call-" + UUID.randomUUID() : call.id();
            Optional<Tool> tool = actions.findTool(call.name());
            if (tool.isEmpty()) {
                events.add(NewEvent.of(EventSource.AGENT, new AgentErrorEvent(call.name(), callId,
                        "there is no tool named '" + call.name() + "'; the tools are "
                                + String.join(", ", state.toolNames()))));
                continue;
            }
            Optional<ObjectNode> arguments = parseArguments(call.arguments());
            if (arguments.isEmpty()) {
                events.add(NewEvent.of(EventSource.AGENT, new AgentErrorEvent(tool.get().name(), callId,
                        "the arguments of " + tool.get().name() + " must be a JSON object; got: " + call.arguments())));
                continue;
            }
            ActionEvent action = services.risk().action(tool.get().name(), callId, arguments.get(), thought,
                    reply.responseId(), services.systemPrompt().workspace(resources.setup().sandboxId()));
            decided.add(action);
            // its seq: the same step decided again after a take-over gets the same id (ActionIds)
            events.add(new NewEvent(ActionIds.action(conversationId, state.lastSeq() + events.size() + 1),
                    EventSource.AGENT, action));
            thought = "";
        }
        boolean waitForUser = actions.needsConfirmationOf(decided);
        events.add(NewEvent.of(EventSource.SYSTEM, new ConversationStateUpdateEvent(
                waitForUser ? ExecutionStatus.WAITING_FOR_CONFIRMATION : null, null, metrics)));
        Duration grace = services.config().commands().stepCommitGrace();
        if (waitForUser || decided.isEmpty() || grace.isZero()) {
            writer.write(events);
        } else {
            // the first tool's result may commit with these events, in one transaction
            writer.hold(events, grace);
        }
        if (!waitForUser) {
            actions.execute(state.pendingActions());
        }
    }

    /** Writes the condensation the LLM's view needs, if any, with the summary call's metrics; the next step decides. */
    private boolean condensed(AgentSettings settings) {
        Optional<Condensation> due = services.condenser().due(state.view(), settings.condenser(), () -> llmSettings(settings));
        if (due.isEmpty()) {
            return false;
        }
        List<NewEvent> events = new ArrayList<>(List.of(NewEvent.of(EventSource.SYSTEM, due.get().event())));
        due.get().summaryCall().ifPresent(call -> events.add(NewEvent.of(EventSource.SYSTEM,
                new ConversationStateUpdateEvent(null, null, services.budgets().after(state.metrics(), call,
                        call.model() != null ? call.model() : settings.model(), resources.setup().ownerId())))));
        writer.write(events);
        return true;
    }

    /** Clones the conversation's repository before the agent's first step; a failure ends the run with its cause. */
    private void checkOut() throws InterruptedException {
        RepositoryCheckout.Outcome outcome = resources.sandbox().call(() -> RepositoryCheckout.run(
                resources.repositoryAccess(), resources.sandbox().session(), services.config().git(),
                ActionIds.clone(conversationId, state.lastSeq())));
        switch (outcome) {
            case RepositoryCheckout.Outcome.Cloned cloned -> {
                // the workspace's skills are read now, and recorded with the clone: a take-over never reads them twice
                List<NewEvent> events = new ArrayList<>(List.of(NewEvent.of(EventSource.ENVIRONMENT, cloned.event())));
                services.skills().fromWorkspace(conversationId, resources.setup().sandboxId(),
                        resources.sandbox().session().runtime(), state.skills())
                        .ifPresent(loaded -> events.add(NewEvent.of(EventSource.SYSTEM, loaded)));
                writer.write(events);
            }
            case RepositoryCheckout.Outcome.Failed failed -> {
                Log.warnf("conversation %s: %s", conversationId, failed.reason());
                writer.write(List.of(NewEvent.of(EventSource.SYSTEM, new AgentErrorEvent(failed.reason())),
                        EventWriter.status(ExecutionStatus.ERROR, failed.reason())));
            }
        }
    }

    private LlmReply replayed() {
        AiMessage next = Replay.parse(state.firstUserMessage().orElse("[]")).next(state.actionCount());
        return new LlmReply(next, "replay-" + UUID.randomUUID(), 0, 0, 0, Replay.MODEL);
    }

    private LlmSettings llmSettings(AgentSettings settings) {
        String apiKey = settings.apiKeySecretName() == null ? null
                : services.conversations().secretValue(conversationId, settings.apiKeySecretName());
        return new LlmSettings(settings.baseUrl(), settings.model(), apiKey, resources.setup().ownerId());
    }

    private static Optional<ObjectNode> parseArguments(String json) {
        try {
            JsonNode parsed = GantryJson.mapper().readTree(json == null || json.isBlank() ? "{}" : json);
            return parsed instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
