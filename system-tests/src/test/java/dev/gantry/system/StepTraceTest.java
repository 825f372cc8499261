package dev.gantry.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.system.platform.Platform;
import dev.gantry.system.platform.ReceivedSpan;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One agent step is one trace: the services export to the platform's OTLP receiver, and the spans of a message
 * sent with a {@code traceparent} form one tree under the caller's span, from the gateway through
 * conversation-service, its outbox and Kafka, the agent-worker, its call to the sandbox runtime, to the
 * event-store that stores the step's events.
 */
class StepTraceTest {

    @Test
    void aMessageAndTheStepItCausesAreOneConnectedTrace() {
        TestUser user = TestUser.create("traced");
        String id = user.startConversation().getString("id");
        user.llm().toolCall("terminal", "{\"command\": \"echo traced\"}").toolCall("finish", "{\"message\": \"done\"}");
        SecureRandom random = new SecureRandom();
        String traceId = HexFormat.of().formatHex(random.generateSeed(16));
        String callerSpan = HexFormat.of().formatHex(random.generateSeed(8));

        user.api.request().header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .body(Map.of("content", "echo something", "run", true))
                .post("/api/v1/conversations/" + id + "/messages").then().statusCode(202);
        user.awaitStatus(id, "finished");

        List<Predicate<ReceivedSpan>> expected = List.of(
                span -> span.service().equals("gateway") && span.kind() == ReceivedSpan.SERVER
                        && span.parentSpanId().equals(callerSpan),
                span -> span.service().equals("conversation-service") && span.kind() == ReceivedSpan.SERVER,
                span -> span.service().equals("conversation-service") && span.kind() == ReceivedSpan.PRODUCER
                        && span.name().equals("publish gantry.conversation-commands"),
                span -> span.service().equals("agent-worker") && span.kind() == ReceivedSpan.CONSUMER
                        && span.name().equals("process gantry.conversation-commands"),
                span -> span.service().equals("agent-worker") && span.name().equals("agent step"),
                span -> span.service().equals("agent-worker") && span.kind() == ReceivedSpan.CLIENT
                        && span.name().equals("POST /api/v1/terminal"),
                span -> span.service().equals("event-store") && span.kind() == ReceivedSpan.CONSUMER
                        && span.name().contains("gantry.conversation-events"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(Platform.get().traces().trace(traceId)).as("the spans of trace %s", traceId)
                        .matches(spans -> expected.stream().allMatch(one -> spans.stream().anyMatch(one)),
                                "holds the gateway's request, the outbox's publish, the worker's step and runtime call"
                                        + " and the event-store's consumption"));

        List<ReceivedSpan> spans = Platform.get().traces().trace(traceId);
        Set<String> ids = spans.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        assertThat(spans).as("every span hangs under the caller's span or another span of the trace")
                .allMatch(span -> span.parentSpanId().equals(callerSpan) || ids.contains(span.parentSpanId()));
        assertThat(spans.stream().filter(span -> span.parentSpanId().equals(callerSpan)))
                .as("one root: the gateway's request").singleElement()
                .matches(span -> span.service().equals("gateway"));
        // the runtime call is a child of the step, which descends from the command the gateway's request issued
        ReceivedSpan runtimeCall = spans.stream().filter(expected.get(5)).findFirst().orElseThrow();
        assertThat(ancestors(runtimeCall, spans)).extracting(ReceivedSpan::name)
                .contains("agent step", "process gantry.conversation-commands", "publish gantry.conversation-commands");
    }

    private static List<ReceivedSpan> ancestors(ReceivedSpan span, List<ReceivedSpan> spans) {
        Map<String, ReceivedSpan> byId = spans.stream()
                .collect(Collectors.toMap(ReceivedSpan::spanId, s -> s, (a, b) -> a));
        List<ReceivedSpan> chain = new ArrayList<>();
        for (ReceivedSpan parent = byId.get(span.parentSpanId()); parent != null;
                parent = byId.get(parent.parentSpanId())) {
            chain.add(parent);
        }
        return chain;
    }
}
