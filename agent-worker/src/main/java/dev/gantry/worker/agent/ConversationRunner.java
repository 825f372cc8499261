package dev.gantry.worker.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.command.AgentSettings;
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
import dev.gantry.contracts.event.ConversationMetrics;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.McpToolsEvent;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.PauseEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent;
import dev.gantry.contracts.event.SystemPromptEvent;
import dev.gantry.contracts.event.UserRejectObservation;
import dev.gantry.platform.logging.LogContext;
import dev.gantry.platform.tracing.Tracing;
import dev.gantry.worker.agent.history.ChatHistory;
import dev.gantry.worker.agent.sandbox.ConversationSandbox;
import dev.gantry.worker.agent.sandbox.SandboxRest;
import dev.gantry.worker.client.ConversationServiceApi;
import dev.gantry.worker.condenser.Condensation;
import dev.gantry.worker.config.WorkerConfig;
import dev.gantry.worker.execution.ActionContext;
import dev.gantry.worker.execution.ActionIds;
import dev.gantry.worker.git.RepositoryAccess;
import dev.gantry.worker.git.RepositoryCheckout;
import dev.gantry.worker.llm.LlmFailureException;
import dev.gantry.worker.llm.LlmReply;
import dev.gantry.worker.llm.LlmSettings;
import dev.gantry.worker.llm.VisionModels;
import dev.gantry.worker.mcp.McpToolbox;
import dev.gantry.worker.messaging.EventLog;
import dev.gantry.worker.messaging.EventWriteFailedException;
import dev.gantry.worker.messaging.NewEvent;
import dev.gantry.worker.messaging.OwnedPartition;
import dev.gantry.worker.sandbox.SandboxUnavailableException;
import dev.gantry.worker.secrets.SandboxSecrets;
import dev.gantry.worker.stuck.ContextWindow;
import dev.gantry.worker.stuck.StuckDetector;
import dev.gantry.worker.stuck.StuckPattern;
import dev.gantry.worker.tools.Tool;
import dev.gantry.worker.tools.ToolArgumentException;
import dev.gantry.worker.tools.ToolCatalog;
import dev.gantry.worker.tools.ToolContext;
import dev.gantry.worker.tools.ToolResult;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
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
 */
final class ConversationRunner {

    /** {@code trace}: the context of the command's record, which the work it causes continues. */
    private record Inbound(long offset, ConversationCommand command, Context trace) {
    }

    /** Reading a conversation's log before its first command longer than this is worth a line. */
    private static final long SLOW_RECOVERY_NANOS = 1_000_000_000L;

    private final UUID conversationId;
    private final OwnedPartition partition;
    private final AgentServices services;
    private final Semaphore stepPermits;
    private final Predicate<ConversationRunner> leave;
    private final Consumer<ConversationRunner> gone;
    private final LinkedBlockingQueue<Inbound> mailbox = new LinkedBlockingQueue<>();
    private final List<Long> heldOffsets = new ArrayList<>();
    private final ConversationState state = new ConversationState();
    private final Thread thread;
    private volatile boolean stopRequested;
    /** What a running tool asked to run when a stop arrives; null while no tool waits. */
    private volatile Runnable onStop;
    private volatile boolean halted;
    private EventLog log;
    /** The step whose actions were sent in a transaction still open for their first result; null if none. */
    private EventLog.HeldStep heldStep;
    private ConversationSetup setup;
    /** The conversation's sandbox, once its setup is known. */
    private ConversationSandbox sandbox;
    /** The conversation's MCP servers, once a step or a call needs them. */
    private McpToolbox mcp;
    private int iterations;
    /** The conversation's repository credentials, read when first needed; null until then. */
    private RepositoryAccess repositoryAccess;
    /** The trace of the command handled last: the steps it sets going are spans of that trace. */
    private Context trace = Context.root();
    /** Pauses the sandbox of a conversation that stays ended. */
    private final SandboxRest sandboxRest;

    ConversationRunner(UUID conversationId, OwnedPartition partition, AgentServices services, Semaphore stepPermits,
            Predicate<ConversationRunner> leave, Consumer<ConversationRunner> gone) {
        this.conversationId = conversationId;
        this.partition = partition;
        this.services = services;
        this.stepPermits = stepPermits;
        this.leave = leave;
        this.gone = gone;
        this.sandboxRest = new SandboxRest(services.config().sandboxPauseAfterEnd(), this::pauseSandbox);
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
            stopRequested = true;
            Runnable interrupt = onStop;
            if (interrupt != null) {
                Thread.ofVirtual().name("stop-" + conversationId).start(interrupt);
            }
        }
        mailbox.add(new Inbound(offset, command, trace));
    }

    /** This worker lost the conversation: stop without writing anything more. */
    void halt() {
        halted = true;
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

    /** What the conversation runs with; its lines name its user and sandbox from now on. */
    private void setUp(ConversationSetup known) {
        setup = known;
        LogContext.user(known.ownerId());
        LogContext.sandbox(known.sandboxId());
    }

    private void run() {
        try {
            Inbound first = mailbox.take();
            recover(first.command());
            handle(first);
            while (!halted) {
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
            if (mcp != null) {
                mcp.close();
            }
            gone.accept(this);
        }
    }

    // ---- recovery

    /** Reads the log back: the event-store, then whatever of the topic it has not stored yet. */
    private void recover(ConversationCommand first) {
        long began = System.nanoTime();
        List<ConversationEvent> stored = services.eventStore().history(conversationId);
        long read = System.nanoTime();
        Instant since = stored.isEmpty() ? first.issuedAt() : stored.get(stored.size() - 1).timestamp();
        long storedSeq = stored.isEmpty() ? 0 : stored.get(stored.size() - 1).seq();
        TreeMap<Long, ConversationEvent> bySeq = new TreeMap<>();
        stored.forEach(e -> bySeq.put(e.seq(), e));
        services.eventTopic().tail(conversationId, storedSeq, since).forEach(e -> bySeq.putIfAbsent(e.seq(), e));
        long tailed = System.nanoTime();
        if (tailed - began > SLOW_RECOVERY_NANOS) {
            Log.infof("reading the log of conversation %s took %d ms (event-store %d ms, event topic %d ms)",
                    conversationId, (tailed - began) / 1_000_000, (read - began) / 1_000_000, (tailed - read) / 1_000_000);
        }
        long expected = 1;
        for (ConversationEvent event : bySeq.values()) {
            if (event.seq() != expected++) {
                throw new IllegalStateException("the log of conversation " + conversationId + " has a gap before seq "
                        + event.seq());
            }
            state.apply(event);
        }
        log = partition.eventLog(conversationId, state.lastSeq());
        if (first instanceof StartConversation start) {
            setUp(new ConversationSetup(start.userId(), start.sandboxId(), start.settings(), start.repository()));
        } else if (state.started()) {
            ConversationServiceApi.Conversation known = services.conversations().conversation(conversationId);
            setUp(new ConversationSetup(known.ownerId(), known.sandboxId(), known.settings(), known.repository()));
        }
        if (!bySeq.isEmpty()) {
            Log.infof("conversation %s taken over at seq %d, status %s", conversationId, state.lastSeq(),
                    state.status());
        }
    }

    // ---- commands

    private void handle(Inbound inbound) {
        try (Tracing.ActiveSpan span = services.tracing().begin(
                "handle " + inbound.command().getClass().getSimpleName(), SpanKind.INTERNAL, inbound.trace())) {
            span.span().setAttribute(Tracing.CONVERSATION_ID, conversationId.toString());
            trace = span.context();
            handleCommand(inbound);
        }
    }

    private void handleCommand(Inbound inbound) {
        heldOffsets.add(inbound.offset());
        ConversationCommand command = inbound.command();
        UUID causedId = NewEvent.idCausedBy(command.commandId());
        if (state.contains(causedId) || (setup == null && !(command instanceof StartConversation))) {
            settleIfAtRest();
            return;
        }
        switch (command) {
            case StartConversation start -> start(start);
            case SendMessage message -> message(message);
            case Pause pause -> {
                if (active()) {
                    write(List.of(NewEvent.causedBy(pause.commandId(), EventSource.USER, new PauseEvent()),
                            status(ExecutionStatus.PAUSED, null)));
                }
            }
            case Resume resume -> {
                if (state.status() == ExecutionStatus.PAUSED || state.status() == ExecutionStatus.STOPPED
                        || state.status() == ExecutionStatus.IDLE) {
                    stopRequested = false;
                    iterations = 0;
                    List<NewEvent> events = new ArrayList<>(List.of(NewEvent.causedBy(resume.commandId(),
                            EventSource.USER, ConversationStateUpdateEvent.status(statusToGoOn()))));
                    sandbox().wake().ifPresent(events::add);
                    write(events);
                }
            }
            case Stop stop -> stop(stop.commandId());
            case ConfirmationResponse response -> confirm(response);
            case DeleteConversation delete -> {
                stop(delete.commandId());
                halted = true;
            }
        }
        settleIfAtRest();
    }

    private void start(StartConversation start) {
        if (state.started()) {
            return;
        }
        setUp(new ConversationSetup(start.userId(), start.sandboxId(), start.settings(), start.repository()));
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
            events.add(status(ExecutionStatus.RUNNING, null));
        } else {
            events.add(status(ExecutionStatus.IDLE, null));
        }
        iterations = 0;
        write(events);
    }

    private void message(SendMessage message) {
        List<NewEvent> events = new ArrayList<>();
        events.add(NewEvent.causedBy(message.commandId(), EventSource.USER, new MessageEvent(message.content(),
                state.skills().triggeredBy(message.content()))));
        if (message.run() && state.status() != ExecutionStatus.RUNNING
                && state.status() != ExecutionStatus.WAITING_FOR_CONFIRMATION) {
            stopRequested = false;
            iterations = 0;
            events.add(status(ExecutionStatus.RUNNING, null));
            sandbox().wake().ifPresent(events::add);
        }
        write(events);
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
        write(events);
        stopRequested = false;
    }

    private void confirm(ConfirmationResponse response) {
        if (state.status() != ExecutionStatus.WAITING_FOR_CONFIRMATION) {
            return;
        }
        if (response.accept()) {
            write(List.of(NewEvent.causedBy(response.commandId(), EventSource.USER,
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
        events.add(status(ExecutionStatus.RUNNING, null));
        write(events);
    }

    private boolean active() {
        return state.status() == ExecutionStatus.RUNNING || state.status() == ExecutionStatus.WAITING_FOR_CONFIRMATION;
    }

    private ExecutionStatus statusToGoOn() {
        return needsConfirmation(state.pendingActions()) ? ExecutionStatus.WAITING_FOR_CONFIRMATION : ExecutionStatus.RUNNING;
    }

    // ---- the agent loop

    /** One step (an LLM call and the actions it asks for, or the pending actions) as a span of its command's trace. */
    private void step() throws InterruptedException {
        try (Tracing.ActiveSpan span = services.tracing().begin("agent step", SpanKind.INTERNAL, trace)) {
            span.span().setAttribute(Tracing.CONVERSATION_ID, conversationId.toString());
            takeStep();
        }
    }

    private void takeStep() throws InterruptedException {
        stepPermits.acquire();
        try {
            List<ConversationEvent> pending = state.pendingActions();
            if (!pending.isEmpty()) {
                execute(pending);
                return;
            }
            AgentSettings settings = setup.settings();
            int maxIterations = Math.min(settings.maxIterations(), services.config().maxIterations());
            if (iterations >= maxIterations) {
                write(List.of(status(ExecutionStatus.ERROR, "the agent reached its limit of " + maxIterations
                        + " steps in this run")));
                return;
            }
            Optional<String> spent = services.budgets().exhausted(settings, state.metrics());
            if (spent.isPresent()) {
                write(List.of(NewEvent.of(EventSource.SYSTEM, new AgentErrorEvent(spent.get())),
                        status(ExecutionStatus.ERROR, spent.get())));
                return;
            }
            Optional<StuckPattern> stuck = StuckDetector.detect(state.recentEvents());
            if (stuck.isPresent()) {
                write(List.of(status(ExecutionStatus.STUCK, stuck.get().reason())));
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
            Optional<McpToolsEvent> mcpListing = mcp().listingDue(state.mcpTools(),
                    settings.confirmationPolicy() != ConfirmationPolicy.NEVER);
            if (mcpListing.isPresent()) {
                write(List.of(NewEvent.of(EventSource.SYSTEM, mcpListing.get())));
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
                    events.add(status(ExecutionStatus.ERROR, e.getMessage()));
                }
                write(events);
                return;
            }
        }
        ConversationMetrics metrics = services.budgets().after(state.metrics(), reply,
                reply.model() != null ? reply.model() : settings.model(), setup.ownerId());
        AiMessage message = reply.message();
        if (!message.hasToolExecutionRequests()) {
            write(List.of(
                    NewEvent.of(EventSource.AGENT, new MessageEvent(message.text() == null ? "" : message.text())),
                    NewEvent.of(EventSource.SYSTEM, new ConversationStateUpdateEvent(ExecutionStatus.IDLE, null, metrics))));
            return;
        }
        List<NewEvent> events = new ArrayList<>();
        List<ActionEvent> actions = new ArrayList<>();
        String thought = message.text();
        for (ToolExecutionRequest call : message.toolExecutionRequests()) {
            String callId = call.id() == null || call.id().isBlank() ? "call-" + UUID.randomUUID() : call.id();
            Optional<Tool> tool = findTool(call.name());
            if (tool.isEmpty()) {
                events.add(NewEvent.of(EventSource.AGENT, new AgentErrorEvent(call.name(), callId,
                        "there is no tool named '" + call.name() + "'; the tools are terminal, file_editor, think,"
                                + " finish and task_tracker")));
                continue;
            }
            Optional<ObjectNode> arguments = parseArguments(call.arguments());
            if (arguments.isEmpty()) {
                events.add(NewEvent.of(EventSource.AGENT, new AgentErrorEvent(tool.get().name(), callId,
                        "the arguments of " + tool.get().name() + " must be a JSON object; got: " + call.arguments())));
                continue;
            }
            ActionEvent action = services.risk().action(tool.get().name(), callId, arguments.get(), thought,
                    reply.responseId(), services.systemPrompt().workspace(setup.sandboxId()));
            actions.add(action);
            // its seq: the same step decided again after a take-over gets the same id (ActionIds)
            events.add(new NewEvent(ActionIds.action(conversationId, state.lastSeq() + events.size() + 1),
                    EventSource.AGENT, action));
            thought = "";
        }
        boolean waitForUser = needsConfirmationOf(actions);
        events.add(NewEvent.of(EventSource.SYSTEM, new ConversationStateUpdateEvent(
                waitForUser ? ExecutionStatus.WAITING_FOR_CONFIRMATION : null, null, metrics)));
        Duration grace = services.config().commands().stepCommitGrace();
        if (waitForUser || actions.isEmpty() || grace.isZero()) {
            write(events);
        } else {
            // the first tool's result may commit with these events, in one transaction
            hold(events, grace);
        }
        if (!waitForUser) {
            execute(state.pendingActions());
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
                        call.model() != null ? call.model() : settings.model(), setup.ownerId())))));
        write(events);
        return true;
    }

    /** Clones the conversation's repository before the agent's first step; a failure ends the run with its cause. */
    private void checkOut() throws InterruptedException {
        RepositoryCheckout.Outcome outcome = sandbox().call(() -> RepositoryCheckout.run(repositoryAccess(),
                sandbox().session(), services.config().git(), ActionIds.clone(conversationId, state.lastSeq())));
        switch (outcome) {
            case RepositoryCheckout.Outcome.Cloned cloned -> {
                // the workspace's skills are read now, and recorded with the clone: a take-over never reads them twice
                List<NewEvent> events = new ArrayList<>(List.of(NewEvent.of(EventSource.ENVIRONMENT, cloned.event())));
                services.skills().fromWorkspace(conversationId, setup.sandboxId(), sandbox().session().runtime(),
                        state.skills()).ifPresent(loaded -> events.add(NewEvent.of(EventSource.SYSTEM, loaded)));
                write(events);
            }
            case RepositoryCheckout.Outcome.Failed failed -> {
                Log.warnf("conversation %s: %s", conversationId, failed.reason());
                write(List.of(NewEvent.of(EventSource.SYSTEM, new AgentErrorEvent(failed.reason())),
                        status(ExecutionStatus.ERROR, failed.reason())));
            }
        }
    }

    private RepositoryAccess repositoryAccess() {
        if (repositoryAccess == null) {
            repositoryAccess = new RepositoryAccess(conversationId, services.conversations());
        }
        return repositoryAccess;
    }

    private LlmReply replayed() {
        AiMessage next = Replay.parse(state.firstUserMessage().orElse("[]")).next(state.actionCount());
        return new LlmReply(next, "replay-" + UUID.randomUUID(), 0, 0, 0, Replay.MODEL);
    }

    private LlmSettings llmSettings(AgentSettings settings) {
        String apiKey = settings.apiKeySecretName() == null ? null
                : services.conversations().secretValue(conversationId, settings.apiKeySecretName());
        return new LlmSettings(settings.baseUrl(), settings.model(), apiKey, setup.ownerId());
    }

    /** Runs the actions in order; each result is written as soon as it is known. */
    private void execute(List<ConversationEvent> actions) throws InterruptedException {
        for (ConversationEvent event : actions) {
            if (stopRequested || halted) {
                return;
            }
            ActionEvent action = (ActionEvent) event.payload();
            Tool tool = findTool(action.toolName()).orElseThrow();
            NewEvent result;
            ExecutionStatus after = null;
            String reason = null;
            try {
                long started = System.nanoTime();
                ToolResult outcome = sandbox().call(() -> tool.run(action.arguments(), context(event.id())));
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
                events.add(status(after, reason));
            }
            write(events);
            if (after != null) {
                return;
            }
        }
    }

    /** What the tool carrying out the action {@code actionId} may use; the id goes with each of its calls. */
    private ToolContext context(UUID actionId) {
        return new ActionContext(conversationId, actionId, () -> sandbox().session(), () -> stopRequested,
                interrupt -> onStop = interrupt, state::tasks);
    }

    /** A built-in tool, or one of the MCP tools as last listed. */
    private Optional<Tool> findTool(String name) {
        return services.tools().find(name).or(() -> mcp().find(state.mcpTools(), name));
    }

    private McpToolbox mcp() {
        if (mcp == null) {
            mcp = new McpToolbox(conversationId, services.mcp(), services.conversations(),
                    () -> sandbox().session().runtime(), ToolCatalog.BUILT_IN_NAMES);
        }
        return mcp;
    }

    /** The conversation ended a while ago: its sandbox stops holding a runtime until it is needed again. */
    private void pauseSandbox() {
        if (setup == null || setup.sandboxId() == null) {
            return;
        }
        Log.infof("conversation %s ended %s ago: pausing its sandbox %s (its workspace stays)", conversationId,
                services.config().sandboxPauseAfterEnd(), setup.sandboxId());
        services.sandboxes().pause(setup.sandboxId());
        if (sandbox != null) {
            sandbox.released();
        }
    }

    private ConversationSandbox sandbox() {
        if (sandbox == null) {
            sandbox = new ConversationSandbox(conversationId, setup.sandboxId(), setup.ownerId(), services.sandboxes(),
                    this::sandboxSecrets, this::write);
            if (setup.repository() != null) {
                sandbox.onNewRuntime(runtime -> {
                    if (state.repositoryCloned()) {
                        repositoryAccess().supply(runtime);
                    }
                });
            }
        }
        return sandbox;
    }

    /** The secrets the sandbox's shell gets, and the repository's token, masked in every event but never exported. */
    private SandboxSecrets sandboxSecrets() {
        SandboxSecrets secrets = SandboxSecrets.load(conversationId, setup.settings().sandboxSecrets(), services.conversations());
        if (setup.repository() == null) {
            return secrets;
        }
        return repositoryAccess().credentials().map(c -> secrets.alsoMasking("git-token", c.token())).orElse(secrets);
    }

    // ---- confirmation

    private boolean needsConfirmation(List<ConversationEvent> pending) {
        return needsConfirmationOf(pending.stream().map(e -> (ActionEvent) e.payload()).toList());
    }

    private boolean needsConfirmationOf(List<ActionEvent> actions) {
        ConfirmationPolicy policy = setup.settings().confirmationPolicy();
        return actions.stream()
                .filter(a -> findTool(a.toolName()).map(Tool::actsOnSandbox).orElse(false))
                .anyMatch(a -> services.risk().needsConfirmation(policy, a));
    }

    private static Optional<ObjectNode> parseArguments(String json) {
        try {
            JsonNode parsed = GantryJson.mapper().readTree(json == null || json.isBlank() ? "{}" : json);
            return parsed instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    // ---- writing

    private static NewEvent status(ExecutionStatus status, String reason) {
        return NewEvent.of(EventSource.SYSTEM, new ConversationStateUpdateEvent(status, reason, null));
    }

    /**
     * Appends the events and applies them to the state. When they leave the conversation at rest, the
     * commands held so far are settled in the same transaction.
     */
    private void write(List<NewEvent> unmasked) {
        requireOwned();
        List<NewEvent> events = masked(unmasked);
        boolean atRest = events.stream()
                .map(NewEvent::payload)
                .filter(ConversationStateUpdateEvent.class::isInstance)
                .map(p -> ((ConversationStateUpdateEvent) p).status())
                .filter(Objects::nonNull)
                .reduce((a, b) -> b)
                .map(s -> s != ExecutionStatus.RUNNING)
                .orElse(state.status() != ExecutionStatus.RUNNING);
        List<Long> settled = atRest ? List.copyOf(heldOffsets) : List.of();
        long started = System.nanoTime();
        EventLog.HeldStep releases = heldStep;
        heldStep = null;
        List<ConversationEvent> written = log.append(events, settled, releases);
        services.metrics().eventWrite(Duration.ofNanos(System.nanoTime() - started));
        written.forEach(state::apply);
        heldOffsets.removeAll(settled);
    }

    /**
     * Sends a step's actions and returns once the broker has them (so this worker still owns the
     * conversation); they commit with the next events written, or alone when the grace runs out.
     */
    private void hold(List<NewEvent> events, Duration grace) {
        requireOwned();
        long started = System.nanoTime();
        heldStep = log.hold(masked(events), grace);
        services.metrics().eventWrite(Duration.ofNanos(System.nanoTime() - started));
        heldStep.events().forEach(state::apply);
    }

    /** No value of a secret the sandbox was given is ever written: every event passes here first. */
    private List<NewEvent> masked(List<NewEvent> events) {
        return setup == null ? events : sandbox().masker().mask(events);
    }

    private void requireOwned() {
        if (halted) {
            throw new EventWriteFailedException("conversation " + conversationId + " is no longer owned here", null);
        }
    }

    private void settleIfAtRest() {
        if (state.status() != ExecutionStatus.RUNNING && !heldOffsets.isEmpty()) {
            partition.settle(List.copyOf(heldOffsets));
            heldOffsets.clear();
        }
    }
}
