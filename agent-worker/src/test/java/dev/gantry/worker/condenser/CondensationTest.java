package dev.gantry.worker.condenser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.command.CondenserMode;
import dev.gantry.contracts.command.CondenserSettings;
import dev.gantry.contracts.command.SendMessage;
import dev.gantry.contracts.command.StartConversation;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.CondensationEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.SecurityRisk;
import dev.gantry.contracts.event.SystemPromptEvent;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.auth.TestCallers;
import dev.gantry.testing.llm.ScriptedLlmServer;
import dev.gantry.testing.llm.ScriptedLlmServer.Reply;
import dev.gantry.worker.agent.history.ChatHistory;
import dev.gantry.worker.messaging.NewEvent;
import dev.gantry.worker.support.Conversation;
import dev.gantry.worker.support.PlatformStub;
import dev.gantry.worker.support.WorkerTestResource;
import dev.gantry.worker.tools.ToolCatalog;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The condenser in the running worker, against the scripted LLM: a context-too-long answer and a history past
 * {@code maxSize} are condensed and the run goes on; a worker that takes a condensed conversation over sends the
 * view its log describes; a conversation that overflowed before the condenser existed recovers on its next message.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class CondensationTest {

    private static final String CONTEXT_TOO_LONG = "This model's maximum context length is 8192 tokens. However, your"
            + " messages resulted in 9100 tokens.";
    private static final String SUMMARY = "GOAL: think six times.\nDONE: four thoughts, thought 0 to thought 3.";

    @Inject
    ToolCatalog tools;

    @Test
    void aContextTooLongAnswerIsCondensedWithTheLlmsSummaryAndTheRunGoesOn() {
        Conversation conversation = new Conversation();
        for (int i = 0; i < 6; i++) {
            conversation.script().toolCall("think", "{\"thought\": \"thought " + i + "\"}");
        }
        conversation.script().add(new Reply.Failure(400, CONTEXT_TOO_LONG, Optional.empty()))
                .text(SUMMARY)
                .toolCall("finish", "{\"message\": \"six thoughts\"}");

        conversation.start("Think six times.", conversation.settings(new CondenserSettings(CondenserMode.LLM, 200, 2)));
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        List<ConversationEvent> events = conversation.events();
        assertThat(events).extracting(ConversationEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(conversation.kinds()).containsSubsequence("AgentErrorEvent", "CondensationEvent",
                "ConversationStateUpdateEvent", "ActionEvent");
        CondensationEvent condensation = only(events, CondensationEvent.class);
        // 14 events (prompt, task, six pairs) brought to half: the two first, the summary and the last two pairs
        List<UUID> firstFourPairs = events.stream()
                .filter(e -> e.payload() instanceof ActionEvent || e.payload() instanceof ObservationEvent)
                .limit(8).map(ConversationEvent::id).toList();
        assertThat(condensation.forgottenEventIds()).containsExactlyElementsOf(firstFourPairs);
        assertThat(condensation.summary()).isEqualTo(SUMMARY);
        assertThat(condensation.summaryOffset()).isEqualTo(2);
        ConversationStateUpdateEvent summaryCall = (ConversationStateUpdateEvent) events.get(
                indexOf(events, CondensationEvent.class) + 1).payload();
        assertThat(summaryCall.metrics().llmCalls()).as("six thoughts and the summary").isEqualTo(7);

        List<JsonNode> requests = WorkerTestResource.llm().requests(conversation.model);
        assertThat(requests).hasSize(9);
        JsonNode summaryRequest = requests.get(7);
        assertThat(summaryRequest.has("tools")).isFalse();
        assertThat(summaryRequest.path("messages")).hasSize(1);
        assertThat(summaryRequest.path("messages").get(0).path("content").asText())
                .contains("Agent calls think {\"thought\":\"thought 0\"}", "Agent calls think {\"thought\":\"thought 3\"}")
                .doesNotContain("thought 4");
        JsonNode next = requests.get(8).path("messages");
        assertThat(next).hasSize(7);
        assertThat(next.get(2).path("role").asText()).isEqualTo("user");
        assertThat(next.get(2).path("content").asText()).endsWith(SUMMARY);
        assertThat(next.toString()).contains("thought 4", "thought 5").doesNotContain("\\\"thought 0\\\"");
    }

    @Test
    void pastMaxSizeEveryRequestStaysWithinItAndTheSummariesFollowOneAnother() {
        Conversation conversation = new Conversation();
        AtomicInteger steps = new AtomicInteger();
        AtomicInteger summaries = new AtomicInteger();
        conversation.script().otherwise(request -> {
            if (!request.has("tools")) {
                return completion("summary " + summaries.incrementAndGet(), List.of());
            }
            int step = steps.getAndIncrement();
            return step < 20
                    ? completion(null, List.of(ScriptedLlmServer.ToolCall.of("think", "{\"thought\": \"step " + step + "\"}")))
                    : completion(null, List.of(ScriptedLlmServer.ToolCall.of("finish", "{\"message\": \"done\"}")));
        });

        conversation.start("Think twenty times.", conversation.settings(new CondenserSettings(CondenserMode.LLM, 10, 2)));
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        List<JsonNode> requests = WorkerTestResource.llm().requests(conversation.model);
        List<JsonNode> agentRequests = requests.stream().filter(r -> r.has("tools")).toList();
        assertThat(agentRequests).hasSize(21).allSatisfy(r -> assertThat(r.path("messages").size()).isLessThanOrEqualTo(10));
        List<CondensationEvent> condensations = conversation.events().stream().map(ConversationEvent::payload)
                .filter(CondensationEvent.class::isInstance).map(CondensationEvent.class::cast).toList();
        assertThat(condensations).hasSize(summaries.get()).hasSizeGreaterThanOrEqualTo(3);
        // each summary after the first was written from the one before it, which it replaces
        JsonNode secondSummaryRequest = requests.stream().filter(r -> !r.has("tools")).skip(1).findFirst().orElseThrow();
        assertThat(secondSummaryRequest.toString()).contains("Summary of still earlier events:\\nsummary 1");
        JsonNode last = agentRequests.get(agentRequests.size() - 1).path("messages");
        assertThat(last.toString()).contains("summary " + summaries.get()).doesNotContain("summary 1\"");
    }

    @Test
    void recentEventsOnlyForgetsWithoutAskingTheLlmForASummary() {
        Conversation conversation = new Conversation();
        for (int i = 0; i < 12; i++) {
            conversation.script().toolCall("think", "{\"thought\": \"step " + i + "\"}");
        }
        conversation.script().toolCall("finish", "{\"message\": \"done\"}");

        conversation.start("Think twelve times.",
                conversation.settings(new CondenserSettings(CondenserMode.RECENT_EVENTS_ONLY, 10, 2)));
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        List<JsonNode> requests = WorkerTestResource.llm().requests(conversation.model);
        assertThat(requests).hasSize(13).allSatisfy(r -> {
            assertThat(r.has("tools")).isTrue();
            assertThat(r.path("messages").size()).isLessThanOrEqualTo(10);
        });
        assertThat(conversation.events().stream().map(ConversationEvent::payload)
                .filter(CondensationEvent.class::isInstance).map(CondensationEvent.class::cast))
                .isNotEmpty().allSatisfy(c -> assertThat(c.summary()).isNull());
        assertThat(requests.get(12).path("messages").get(1).path("content").asText()).isEqualTo("Think twelve times.");
    }

    @Test
    void aWorkerThatTakesACondensedConversationOverSendsTheViewItsLogDescribes() throws Exception {
        Conversation conversation = new Conversation();
        StartConversation start = new StartConversation(UUID.randomUUID(), conversation.id, Instant.now(), "user-1",
                conversation.sandboxId, "Think four times.", null, null, conversation.settings());
        DeadLog dead = new DeadLog(conversation.id);
        dead.add(NewEvent.idCausedBy(start.commandId()), EventSource.SYSTEM,
                new SystemPromptEvent("You are a test agent.", tools.specifications(false)));
        dead.add(EventSource.USER, new MessageEvent("Think four times."));
        dead.add(EventSource.SYSTEM, ConversationStateUpdateEvent.status(ExecutionStatus.RUNNING));
        List<ConversationEvent> pairs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pairs.addAll(dead.thought(i));
        }
        dead.add(EventSource.SYSTEM, new CondensationEvent(pairs.subList(0, 4).stream().map(ConversationEvent::id).toList(),
                "The agent had two thoughts.", 2));
        conversation.script().toolCall("finish", "{\"message\": \"four thoughts\"}");
        dead.publishAndAwaitStored();
        WorkerTestResource.platform().conversation(new PlatformStub.Conversation(conversation.id, "user-1",
                conversation.sandboxId, start.settings()));
        WorkerTestResource.platform().secret(conversation.id, "llm-key", "sk-test");

        conversation.send(start);
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        List<ChatMessage> expected = ChatHistory.toMessages(ContextView.of(dead.events).events());
        JsonNode sent = WorkerTestResource.llm().requests(conversation.model).get(0).path("messages");
        assertThat(sent).hasSize(expected.size()).hasSize(7);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(sent.get(i).path("role").asText()).isEqualTo(role(expected.get(i)));
            JsonNode content = sent.get(i).path("content");
            assertThat(content.isTextual() ? content.asText() : "").isEqualTo(text(expected.get(i)));
        }
        assertThat(sent.get(2).path("content").asText()).endsWith("The agent had two thoughts.");
        assertThat(sent.toString()).contains("thought 2", "thought 3").doesNotContain("thought 0", "thought 1");
    }

    @Test
    void aConversationThatOverflowedBeforeTheCondenserRecoversOnItsNextMessage() throws Exception {
        Conversation conversation = new Conversation();
        DeadLog dead = new DeadLog(conversation.id);
        dead.add(NewEvent.idCausedBy(UUID.randomUUID()), EventSource.SYSTEM,
                new SystemPromptEvent("You are a test agent.", tools.specifications(false)));
        dead.add(EventSource.USER, new MessageEvent("Think a lot."));
        dead.add(EventSource.SYSTEM, ConversationStateUpdateEvent.status(ExecutionStatus.RUNNING));
        for (int i = 0; i < 6; i++) {
            dead.thought(i);
        }
        for (int i = 0; i < 3; i++) {
            dead.add(EventSource.SYSTEM, new AgentErrorEvent("the LLM call to " + conversation.model
                    + " failed: HTTP 400: " + CONTEXT_TOO_LONG));
        }
        dead.add(EventSource.SYSTEM, new ConversationStateUpdateEvent(ExecutionStatus.STUCK,
                "context_window_errors: the LLM's context window was exceeded 3 times in a row", null));
        dead.publishAndAwaitStored();
        // the installation's condenser: the conversation's settings choose none
        WorkerTestResource.platform().conversation(new PlatformStub.Conversation(conversation.id, "user-1",
                conversation.sandboxId, conversation.settings()));
        WorkerTestResource.platform().secret(conversation.id, "llm-key", "sk-test");
        conversation.script().text(SUMMARY).toolCall("finish", "{\"message\": \"thought enough\"}");

        conversation.send(new SendMessage(UUID.randomUUID(), conversation.id, Instant.now(), "Go on.", true));
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        assertThat(conversation.events().stream().map(ConversationEvent::payload)
                .filter(CondensationEvent.class::isInstance)).hasSize(1);
        List<JsonNode> requests = WorkerTestResource.llm().requests(conversation.model);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).has("tools")).as("the summary first").isFalse();
        JsonNode resumed = requests.get(1).path("messages");
        assertThat(resumed.size()).isLessThan(15);
        assertThat(resumed.toString()).contains(SUMMARY.substring(0, 20), "Go on.");
    }

    private static Reply completion(String text, List<ScriptedLlmServer.ToolCall> calls) {
        return new Reply.Completion(text, calls, ScriptedLlmServer.Script.PROMPT_TOKENS,
                ScriptedLlmServer.Script.COMPLETION_TOKENS, Optional.empty());
    }

    private static <T extends EventPayload> T only(List<ConversationEvent> events, Class<T> kind) {
        List<T> found = events.stream().map(ConversationEvent::payload).filter(kind::isInstance).map(kind::cast).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static int indexOf(List<ConversationEvent> events, Class<? extends EventPayload> kind) {
        for (int i = 0; i < events.size(); i++) {
            if (kind.isInstance(events.get(i).payload())) {
                return i;
            }
        }
        throw new AssertionError("no " + kind.getSimpleName());
    }

    private static String role(ChatMessage message) {
        return switch (message) {
            case SystemMessage system -> "system";
            case UserMessage user -> "user";
            case AiMessage ai -> "assistant";
            case ToolExecutionResultMessage tool -> "tool";
            default -> throw new AssertionError(message);
        };
    }

    private static String text(ChatMessage message) {
        return switch (message) {
            case SystemMessage system -> system.text();
            case UserMessage user -> user.singleText();
            case AiMessage ai -> ai.text() == null ? "" : ai.text();
            case ToolExecutionResultMessage tool -> tool.text();
            default -> throw new AssertionError(message);
        };
    }

    /** The log a worker wrote before it died, put on the event topic as it would have. */
    private static final class DeadLog {

        private final UUID conversation;
        private final List<ConversationEvent> events = new ArrayList<>();

        DeadLog(UUID conversation) {
            this.conversation = conversation;
        }

        ConversationEvent add(EventSource source, EventPayload payload) {
            return add(UUID.randomUUID(), source, payload);
        }

        ConversationEvent add(UUID id, EventSource source, EventPayload payload) {
            ConversationEvent event = new ConversationEvent(id, conversation, events.size() + 1, Instant.now(), source,
                    payload);
            events.add(event);
            return event;
        }

        List<ConversationEvent> thought(int i) {
            ConversationEvent action = add(EventSource.AGENT, new ActionEvent("think", "call_" + i,
                    JsonNodeFactory.instance.objectNode().put("thought", "thought " + i), "", SecurityRisk.UNKNOWN,
                    "resp-" + i));
            ConversationEvent observation = add(EventSource.ENVIRONMENT, new ObservationEvent(action.id(), "think",
                    "call_" + i, "Your thought has been logged.", null, false));
            return List.of(action, observation);
        }

        void publishAndAwaitStored() throws Exception {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                for (ConversationEvent event : events) {
                    producer.send(new ProducerRecord<>(Topics.CONVERSATION_EVENTS, conversation.toString(),
                            GantryJson.mapper().writeValueAsString(event))).get();
                }
            }
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest head = HttpRequest.newBuilder(URI.create(WorkerTestResource.eventStore() + "/conversations/"
                    + conversation + "/head")).header(InternalHeaders.SERVICE_TOKEN, TestCallers.AGENT_WORKER_TOKEN).build();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> GantryJson.mapper()
                    .readTree(http.send(head, HttpResponse.BodyHandlers.ofString()).body())
                    .path("lastSeq").asLong() == events.size());
        }
    }
}
