package dev.gantry.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryHeaders;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.command.StartConversation;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.SecurityRisk;
import dev.gantry.contracts.event.SystemPromptEvent;
import dev.gantry.contracts.sandbox.CreateSandbox;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.auth.TestCallers;
import dev.gantry.worker.messaging.NewEvent;
import dev.gantry.worker.support.Conversation;
import dev.gantry.worker.support.PlatformStub;
import dev.gantry.worker.support.WorkerTestResource;
import dev.gantry.worker.tools.ToolCatalog;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A worker died while its action ran in the sandbox: the ActionEvent is in the log, the runtime is still running
 * the command the dead worker sent. The worker that takes over asks the runtime again under the same action id,
 * waits for the first run's answer and records it: the command ran once.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class ExactlyOnceTakeOverTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    ToolCatalog tools;

    @Test
    void aTakeOverAsksTheRuntimeAgainWithTheSameActionIdAndTheActionRunsOnce() throws Exception {
        Conversation conversation = new Conversation();
        String log = conversation.workspace().resolve("steps.log").toString();
        StartConversation start = new StartConversation(UUID.randomUUID(), conversation.id, Instant.now(), "user-1",
                conversation.sandboxId, "Log a step.", null, null, conversation.settings());
        WorkerTestResource.platform().conversation(new PlatformStub.Conversation(conversation.id, "user-1",
                conversation.sandboxId, start.settings()));
        WorkerTestResource.platform().secret(conversation.id, "llm-key", "sk-test");
        // it prints every second, so it runs on past the runtime's 2 s no-output answer while the take-over happens
        String command = "for i in 1 2 3 4 5 6; do echo tick; sleep 1; done; echo step >> " + log
                + "; echo first-run-$RANDOM";
        ActionEvent pending = new ActionEvent("terminal", "call_slow",
                GantryJson.mapper().readTree(GantryJson.mapper().writeValueAsString(Map.of("command", command))),
                "log it", SecurityRisk.UNKNOWN, "resp-1");
        UUID actionId = ActionIds.action(conversation.id, 4);
        List<ConversationEvent> dead = List.of(
                event(conversation.id, 1, NewEvent.idCausedBy(start.commandId()), EventSource.SYSTEM,
                        new SystemPromptEvent("You are a test agent.", tools.specifications(false))),
                event(conversation.id, 2, UUID.randomUUID(), EventSource.USER, new MessageEvent("Log a step.")),
                event(conversation.id, 3, UUID.randomUUID(), EventSource.SYSTEM,
                        ConversationStateUpdateEvent.status(ExecutionStatus.RUNNING)),
                event(conversation.id, 4, actionId, EventSource.AGENT, pending));
        try (KafkaProducer<String, String> deadWorker = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (ConversationEvent event : dead) {
                deadWorker.send(new ProducerRecord<>(Topics.CONVERSATION_EVENTS, conversation.id.toString(),
                        GantryJson.mapper().writeValueAsString(event))).get();
            }
            String create = GantryJson.mapper().writeValueAsString(new CreateSandbox(UUID.randomUUID(),
                    conversation.sandboxId, Instant.now(), "user-1", conversation.id, null));
            // the sandbox-manager stand-in reads from the topic's end once it has joined: sent until it answers
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).until(() -> {
                deadWorker.send(new ProducerRecord<>(Topics.SANDBOX_COMMANDS, conversation.sandboxId.toString(),
                        create)).get();
                return WorkerTestResource.platform().connection(conversation.sandboxId) != null;
            });
        }
        PlatformStub.Connection runtime = WorkerTestResource.platform().connection(conversation.sandboxId);
        // what the dead worker had sent before it died: the runtime runs it on, whoever waits for the answer
        CompletableFuture<HttpResponse<String>> deadWorkersCall = http.sendAsync(HttpRequest.newBuilder(
                        URI.create(runtime.runtimeUrl() + "/api/v1/terminal"))
                .header(GantryHeaders.SESSION_API_KEY, runtime.sessionApiKey())
                .header(GantryHeaders.ACTION_ID, actionId.toString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GantryJson.mapper().writeValueAsString(Map.of("command", command))))
                .build(), HttpResponse.BodyHandlers.ofString());
        URI head = URI.create(WorkerTestResource.eventStore() + "/conversations/" + conversation.id + "/head");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> GantryJson.mapper()
                .readTree(http.send(HttpRequest.newBuilder(head)
                        .header(InternalHeaders.SERVICE_TOKEN, TestCallers.AGENT_WORKER_TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString()).body())
                .path("lastSeq").asLong() == dead.size());
        conversation.script().toolCall("finish", "{\"message\": \"logged\"}");

        conversation.send(start);
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        String firstOutput = GantryJson.mapper().readTree(deadWorkersCall.get().body()).path("output").asText();
        assertThat(firstOutput).contains("first-run-");
        ObservationEvent observation = conversation.events().stream().map(ConversationEvent::payload)
                .filter(ObservationEvent.class::isInstance).map(ObservationEvent.class::cast)
                .filter(o -> o.toolCallId().equals("call_slow")).findFirst().orElseThrow();
        assertThat(observation.actionId()).isEqualTo(actionId);
        assertThat(observation.content()).as("the first run's answer, not a second run's").isEqualTo(firstOutput);
        assertThat(Files.readAllLines(conversation.workspace().resolve("steps.log"))).containsExactly("step");
    }

    private static ConversationEvent event(UUID conversationId, long seq, UUID id, EventSource source, EventPayload payload) {
        return new ConversationEvent(id, conversationId, seq, Instant.now(), source, payload);
    }
}
