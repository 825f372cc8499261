package dev.gantry.worker.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.auth.TestCallers;
import dev.gantry.worker.messaging.NewEvent;
import dev.gantry.worker.support.Conversation;
import dev.gantry.worker.support.PlatformStub;
import dev.gantry.worker.support.WorkerTestResource;
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
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A worker that died after writing an ActionEvent and before its observation: its events are on the
 * topic, its StartConversation was never settled (so Kafka delivers it again to the next owner). The
 * worker under test takes the conversation over, runs only the action the log shows as not done, and
 * finishes, with no event lost or repeated.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class TakeOverTest {

    @Inject
    dev.gantry.worker.tools.ToolCatalog tools;

    @Test
    void aNewOwnerFinishesAConversationWhoseWorkerDiedBetweenActionAndObservation() throws Exception {
        Conversation conversation = new Conversation();
        String log = conversation.workspace().resolve("steps.log").toString();
        StartConversation start = new StartConversation(UUID.randomUUID(), conversation.id, Instant.now(), "user-1",
                conversation.sandboxId, "Log two steps.", null, null, conversation.settings());
        WorkerTestResource.platform().conversation(new PlatformStub.Conversation(conversation.id, "user-1",
                conversation.sandboxId, start.settings()));
        WorkerTestResource.platform().secret(conversation.id, "llm-key", "sk-test");
        ActionEvent done = new ActionEvent("terminal", "call_done", json("{\"command\": \"echo one >> " + log + "\"}"),
                "first", SecurityRisk.UNKNOWN, "resp-1");
        ActionEvent notDone = new ActionEvent("terminal", "call_pending", json("{\"command\": \"echo two >> " + log + "\"}"),
                "second", SecurityRisk.UNKNOWN, "resp-2");
        List<ConversationEvent> before = List.of(
                event(conversation.id, 1, NewEvent.idCausedBy(start.commandId()), EventSource.SYSTEM,
                        new SystemPromptEvent("You are a test agent.", tools.specifications(false))),
                event(conversation.id, 2, UUID.randomUUID(), EventSource.USER, new MessageEvent("Log two steps.")),
                event(conversation.id, 3, UUID.randomUUID(), EventSource.SYSTEM,
                        ConversationStateUpdateEvent.status(ExecutionStatus.RUNNING)),
                event(conversation.id, 4, UUID.randomUUID(), EventSource.AGENT, done));
        ConversationEvent doneAction = before.get(3);
        List<ConversationEvent> dead = new java.util.ArrayList<>(before);
        dead.add(event(conversation.id, 5, UUID.randomUUID(), EventSource.ENVIRONMENT,
                new ObservationEvent(doneAction.id(), "terminal", "call_done", "[Command finished with exit code 0]", 0, false)));
        dead.add(event(conversation.id, 6, UUID.randomUUID(), EventSource.AGENT, notDone));
        try (KafkaProducer<String, String> deadWorker = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (ConversationEvent event : dead) {
                deadWorker.send(new ProducerRecord<>(Topics.CONVERSATION_EVENTS, conversation.id.toString(),
                        GantryJson.mapper().writeValueAsString(event))).get();
            }
        }
        conversation.script().toolCall("finish", "{\"message\": \"two steps logged\"}");
        // the dead worker's events are in the event-store, which the new owner reads them back from
        HttpClient http = HttpClient.newHttpClient();
        URI head = URI.create(WorkerTestResource.eventStore() + "/conversations/" + conversation.id + "/head");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> GantryJson.mapper()
                .readTree(http.send(HttpRequest.newBuilder(head)
                        .header(InternalHeaders.SERVICE_TOKEN, TestCallers.AGENT_WORKER_TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body())
                .path("lastSeq").asLong() == dead.size());

        conversation.send(start);
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        List<ConversationEvent> events = conversation.events();
        assertThat(events).extracting(ConversationEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events).extracting(ConversationEvent::id).doesNotHaveDuplicates();
        List<ObservationEvent> observations = events.stream().map(ConversationEvent::payload)
                .filter(ObservationEvent.class::isInstance).map(ObservationEvent.class::cast).toList();
        assertThat(observations).extracting(ObservationEvent::toolCallId)
                .containsExactly("call_done", "call_pending", observations.get(2).toolCallId());
        assertThat(events.stream().filter(e -> e.payload() instanceof SystemPromptEvent)).hasSize(1);
        assertThat(Files.readAllLines(conversation.workspace().resolve("steps.log"))).containsExactly("two");
        JsonNode request = WorkerTestResource.llm().requests(conversation.model).get(0);
        assertThat(request.toString()).contains("call_done").contains("call_pending");
    }

    private static ConversationEvent event(UUID conversationId, long seq, UUID id, EventSource source, EventPayload payload) {
        return new ConversationEvent(id, conversationId, seq, Instant.now(), source, payload);
    }

    private static JsonNode json(String text) throws Exception {
        return GantryJson.mapper().readTree(text);
    }
}
