package dev.gantry.integrations.callbacks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.SecurityRisk;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PrometheusText;
import dev.gantry.testing.auth.TestCallers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Events of the log, taken from real Kafka, posted to the callbacks of the conversation's owner. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(CallbacksTestResource.class)
class EventCallbackDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaProducer<String, String> PRODUCER = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers()),
            new StringSerializer(), new StringSerializer());

    private final WireMockServer conversationService = CallbacksTestResource.conversationService();
    private final WireMockServer receivers = CallbacksTestResource.receivers();

    @AfterAll
    static void closeProducer() {
        PRODUCER.close();
    }

    @Test
    void anEventIsPostedSignedToEveryCallbackThatAsksForItsKindAndToNoOther() throws Exception {
        UUID conversation = UUID.randomUUID();
        String actions = "/" + conversation + "/actions";
        String messages = "/" + conversation + "/messages";
        callbacks(conversation, callback(actions, List.of("ActionEvent"), "HOOK_KEY"),
                callback(messages, List.of("MessageEvent"), null));
        conversationService.stubFor(get(urlPathEqualTo("/internal/conversations/" + conversation + "/secrets/HOOK_KEY"))
                .withHeader(InternalHeaders.SERVICE_TOKEN, equalTo(TestCallers.INTEGRATIONS_SERVICE_TOKEN))
                .withHeader("X-Gantry-Internal-Token", absent())
                .willReturn(json("{\"name\":\"HOOK_KEY\",\"value\":\"s3cret\"}")));
        receivers.stubFor(post(urlPathEqualTo(actions)).willReturn(aResponse().withStatus(204)));
        receivers.stubFor(post(urlPathEqualTo(messages)).willReturn(aResponse().withStatus(200)));

        double delivered = deliveries("delivered");

        String action = publish(conversation, 1, new ActionEvent("terminal", "call-1",
                GantryJson.mapper().createObjectNode().put("command", "ls"), "", SecurityRisk.LOW, "r-1"));
        String message = publish(conversation, 2, new MessageEvent("done"));

        LoggedRequest posted = awaitRequests(actions, 1).getFirst();
        assertThat(posted.getBodyAsString()).isEqualTo(action);
        assertThat(posted.getHeader("X-Gantry-Event-Kind")).isEqualTo("ActionEvent");
        String timestamp = posted.getHeader("X-Gantry-Timestamp");
        assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), within(60L));
        assertThat(posted.getHeader("X-Gantry-Signature"))
                .isEqualTo("sha256=" + CallbackSender.signature("s3cret", timestamp, action));
        LoggedRequest unsigned = awaitRequests(messages, 1).getFirst();
        assertThat(unsigned.getBodyAsString()).isEqualTo(message);
        assertThat(unsigned.containsHeader("X-Gantry-Signature")).isFalse();
        // each to its own callback only
        assertThat(receivers.findAll(postRequestedFor(urlPathEqualTo(actions)))).hasSize(1);
        conversationService.verify(getRequestedFor(urlPathEqualTo("/internal/conversations/" + conversation + "/event-callbacks"))
                .withHeader(InternalHeaders.SERVICE_TOKEN, equalTo(TestCallers.INTEGRATIONS_SERVICE_TOKEN))
                .withHeader("X-Gantry-Internal-Token", absent()));
        await().atMost(WAIT).until(() -> deliveries("delivered") - delivered == 2);
        assertThat(PrometheusText.value(scrape(), "kafka_consumer_fetch_manager_records_lag_max", Map.of()))
                .as("the events consumer's lag").isPresent();
    }

    @Test
    void aReceiverThatFailsIsTriedAgainWithTheSameDeliveryIdUntilItTakesTheEvent() throws Exception {
        UUID conversation = UUID.randomUUID();
        String path = "/" + conversation + "/flaky";
        callbacks(conversation, callback(path, List.of("MessageEvent"), null));
        String scenario = "flaky-" + conversation;
        receivers.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("once"));
        receivers.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("once")
                .willReturn(aResponse().withStatus(429)).willSetStateTo("twice"));
        receivers.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("twice")
                .willReturn(aResponse().withStatus(200)));

        publish(conversation, 1, new MessageEvent("hello"));

        List<LoggedRequest> tries = awaitRequests(path, 3);
        assertThat(tries).extracting(request -> request.getHeader("X-Gantry-Delivery")).containsOnly(
                tries.getFirst().getHeader("X-Gantry-Delivery"));
        Thread.sleep(500);
        assertThat(receivers.findAll(postRequestedFor(urlPathEqualTo(path)))).as("taken at the third try").hasSize(3);
    }

    @Test
    void aReceiverThatRefusesTheEventIsNotAskedAgain() throws Exception {
        UUID conversation = UUID.randomUUID();
        String path = "/" + conversation + "/refusing";
        callbacks(conversation, callback(path, List.of("MessageEvent"), null));
        receivers.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(400)));

        publish(conversation, 1, new MessageEvent("hello"));

        awaitRequests(path, 1);
        Thread.sleep(1_000);
        assertThat(receivers.findAll(postRequestedFor(urlPathEqualTo(path)))).hasSize(1);
        // nor is it suspended: the next event is offered to it
        publish(conversation, 2, new MessageEvent("again"));
        awaitRequests(path, 2);
    }

    @Test
    void aDeadReceiverIsSuspendedAfterItsTriesSoTheOthersAreNotHeldUpAgain() throws Exception {
        UUID conversation = UUID.randomUUID();
        String dead = "/" + conversation + "/dead";
        String alive = "/" + conversation + "/alive";
        callbacks(conversation, callback(dead, List.of("MessageEvent"), null), callback(alive, List.of("MessageEvent"), null));
        receivers.stubFor(post(urlPathEqualTo(dead)).willReturn(aResponse().withStatus(500)));
        receivers.stubFor(post(urlPathEqualTo(alive)).willReturn(aResponse().withStatus(200)));
        double failed = deliveries("failed");
        double suspended = deliveries("suspended");

        publish(conversation, 1, new MessageEvent("first"));
        awaitRequests(dead, 4);
        awaitRequests(alive, 1);
        publish(conversation, 2, new MessageEvent("second"));
        awaitRequests(alive, 2);

        assertThat(receivers.findAll(postRequestedFor(urlPathEqualTo(dead)))).as("the default 4 tries, then suspended")
                .hasSize(4);
        // counted for the platform's dashboards
        assertThat(deliveries("failed") - failed).isEqualTo(1);
        assertThat(deliveries("suspended") - suspended).isEqualTo(1);
    }

    /** As Prometheus scrapes it from /q/metrics. */
    private static double deliveries(String outcome) {
        return PrometheusText.sum(scrape(), "gantry_callbacks_deliveries_total", Map.of("outcome", outcome));
    }

    private static String scrape() {
        return RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void aReceiverThatDropsTheConnectionIsTriedAgainLikeOneThatFails() throws Exception {
        UUID conversation = UUID.randomUUID();
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket dropping = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> {
                while (!dropping.isClosed()) {
                    try (Socket accepted = dropping.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            callbacks(conversation, "{\"id\":\"" + UUID.randomUUID() + "\",\"url\":\"http://127.0.0.1:"
                    + dropping.getLocalPort() + "/hook\",\"eventKinds\":[\"MessageEvent\"]}");
            double failed = deliveries("failed");

            publish(conversation, 1, new MessageEvent("into the void"));

            await().atMost(WAIT).until(() -> deliveries("failed") - failed >= 1);
            assertThat(connections.get()).as("the default 4 tries").isEqualTo(4);
        }
    }

    @Test
    void aCallbackWhoseSigningSecretWasDeletedGetsNothingUnsigned() throws Exception {
        UUID conversation = UUID.randomUUID();
        String path = "/" + conversation + "/signed";
        callbacks(conversation, callback(path, List.of("MessageEvent"), "GONE"));
        conversationService.stubFor(get(urlPathEqualTo("/internal/conversations/" + conversation + "/secrets/GONE"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://gantry.dev/problems/not-found\",\"title\":\"Not found\",\"status\":404}")));
        receivers.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)));
        double refused = deliveries("refused");

        publish(conversation, 1, new MessageEvent("secret"));

        await().atMost(WAIT).until(() -> deliveries("refused") - refused >= 1);
        assertThat(receivers.findAll(postRequestedFor(urlPathEqualTo(path)))).isEmpty();
    }

    @Test
    void theEventsOfAConversationThatNoLongerExistsArePassedOver() throws Exception {
        UUID gone = UUID.randomUUID();
        conversationService.stubFor(get(urlPathEqualTo("/internal/conversations/" + gone + "/event-callbacks"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://gantry.dev/problems/not-found\",\"status\":404}")));
        UUID next = UUID.randomUUID();
        String path = "/" + next + "/after";
        callbacks(next, callback(path, List.of("MessageEvent"), null));
        receivers.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)));

        publish(gone, 1, new MessageEvent("nobody listens"));
        publish(next, 1, new MessageEvent("after it"));

        awaitRequests(path, 1);
    }

    private void callbacks(UUID conversation, String... callbacks) {
        conversationService.stubFor(get(urlPathEqualTo("/internal/conversations/" + conversation + "/event-callbacks"))
                .withHeader(InternalHeaders.SERVICE_TOKEN, equalTo(TestCallers.INTEGRATIONS_SERVICE_TOKEN))
                .withHeader("X-Gantry-Internal-Token", absent())
                .willReturn(json("[" + String.join(",", callbacks) + "]")));
    }

    private String callback(String path, List<String> kinds, String signingSecretName) throws JsonProcessingException {
        Map<String, Object> callback = new LinkedHashMap<>();
        callback.put("id", UUID.randomUUID());
        callback.put("url", receivers.baseUrl() + path);
        callback.put("eventKinds", kinds);
        callback.put("signingSecretName", signingSecretName);
        return GantryJson.mapper().writeValueAsString(callback);
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Puts the event on the log as the agent-worker does, and answers its JSON as it is on the topic. */
    private static String publish(UUID conversation, long seq, EventPayload payload)
            throws Exception {
        String json = GantryJson.mapper().writeValueAsString(ConversationEvent.of(conversation, seq, Instant.now(),
                EventSource.AGENT, payload));
        PRODUCER.send(new ProducerRecord<>(Topics.CONVERSATION_EVENTS, conversation.toString(), json)).get();
        return json;
    }

    private List<LoggedRequest> awaitRequests(String path, int count) {
        await().atMost(WAIT).until(() -> receivers.findAll(postRequestedFor(urlPathEqualTo(path))).size() >= count);
        return receivers.findAll(postRequestedFor(urlPathEqualTo(path)));
    }
}
