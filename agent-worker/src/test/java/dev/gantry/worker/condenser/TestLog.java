package dev.gantry.worker.condenser;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.CondensationEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationMetrics;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.SecurityRisk;
import dev.gantry.contracts.event.SystemPromptEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A conversation's log written by hand, seq by seq, for the condenser's unit tests. */
final class TestLog {

    static final String CONTEXT_TOO_LONG = "the LLM call to m failed: HTTP 400: This model's maximum context length is 8192 tokens";

    private final UUID conversation = UUID.randomUUID();
    private final List<ConversationEvent> events = new ArrayList<>();
    private int calls;

    /** The system prompt and the user's task. */
    static TestLog started() {
        TestLog log = new TestLog();
        log.add(EventSource.SYSTEM, new SystemPromptEvent("You are a test agent.", List.of()));
        log.add(EventSource.USER, new MessageEvent("the task"));
        log.add(EventSource.SYSTEM, ConversationStateUpdateEvent.status(ExecutionStatus.RUNNING));
        return log;
    }

    ConversationEvent add(EventSource source, EventPayload payload) {
        ConversationEvent event = new ConversationEvent(UUID.randomUUID(), conversation, events.size() + 1,
                Instant.now(), source, payload);
        events.add(event);
        return event;
    }

    /** {@code n} steps of one think call and its result each, with a status update between as the worker writes. */
    TestLog steps(int n) {
        for (int i = 0; i < n; i++) {
            batch(1);
        }
        return this;
    }

    /** One LLM response with {@code size} tool calls, then their results. */
    TestLog batch(int size) {
        String response = "resp-" + calls;
        List<ConversationEvent> actions = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String call = "call-" + calls++;
            actions.add(add(EventSource.AGENT, new ActionEvent("think", call, JsonNodeFactory.instance.objectNode()
                    .put("thought", "thought of " + call), "", SecurityRisk.UNKNOWN, response)));
        }
        add(EventSource.SYSTEM, new ConversationStateUpdateEvent(null, null, ConversationMetrics.ZERO));
        for (ConversationEvent action : actions) {
            ActionEvent a = (ActionEvent) action.payload();
            add(EventSource.ENVIRONMENT, new ObservationEvent(action.id(), "think", a.toolCallId(),
                    "result of " + a.toolCallId(), null, false));
        }
        return this;
    }

    TestLog contextTooLong() {
        add(EventSource.SYSTEM, new AgentErrorEvent(CONTEXT_TOO_LONG));
        return this;
    }

    ConversationEvent condense(List<ConversationEvent> forgotten, String summary, Integer offset) {
        return add(EventSource.SYSTEM, new CondensationEvent(forgotten.stream().map(ConversationEvent::id).toList(),
                summary, offset));
    }

    List<ConversationEvent> events() {
        return List.copyOf(events);
    }
}
