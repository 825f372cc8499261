package dev.gantry.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.platform.auth.ServiceNames;
import dev.gantry.system.platform.EventStreamRecorder;
import dev.gantry.system.platform.Platform;
import dev.gantry.testing.KafkaTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The platform's overhead per agent step on the full path, and sandbox claims through the API,
 * printed as a table. Figures, not checks: {@code mvn -B -pl system-tests verify -Pbenchmark}.
 */
@Tag("benchmark")
class PlatformBenchmarkTest {

    private static final int STEPS = 200;
    private static final int FLOOR_SAMPLES = 200;
    private static final int CLAIMS = 10;
    private static final Duration POOL_REFILL = Duration.ofSeconds(3);

    @Test
    void printsTheStepOverheadNextToItsFloorAndTheWarmClaimLatency() throws Exception {
        TestUser user = TestUser.create("bench");
        user.api.request().body(Map.of("maxIterations", STEPS * 2)).post("/api/v1/settings").then().statusCode(200);
        JsonPath conversation = user.startConversation();
        String id = conversation.getString("id");
        for (int step = 0; step < STEPS; step++) {
            // a different command each step, or the stuck detector rightly sees a loop
            user.llm().toolCall("terminal", "{\"command\": \"true # step " + step + "\"}");
        }
        user.llm().toolCall("finish", "{\"message\": \"done\"}");

        List<Double> overhead = new ArrayList<>();
        try (EventStreamRecorder live = new EventStreamRecorder(Platform.get().gateway(), id, user.api.token())) {
            user.send(id, "run true " + STEPS + " times");
            await().atMost(Duration.ofMinutes(10)).until(() -> user.status(id).equals("finished"));
            List<Long> answered = user.llm().answeredAt();
            await().atMost(Duration.ofSeconds(30)).until(() -> observationArrivals(live).size() >= STEPS);
            List<Long> observed = observationArrivals(live);
            for (int step = 0; step < STEPS; step++) {
                overhead.add((observed.get(step) - answered.get(step)) / 1e6);
            }
        }
        List<Double> runtime = runtimeRoundTrips(conversation.getString("sandboxId"));
        List<Double> kafka = kafkaRoundTrips();
        List<Double> claims = warmClaims();

        System.out.printf("%n%-58s %9s %9s%n", "Gantry platform benchmark (" + STEPS + " steps)", "p50 ms", "p99 ms");
        row("step: LLM answer -> ObservationEvent on the gateway's SSE", overhead);
        row("floor: sandbox runtime round trip (terminal `true`)", runtime);
        row("floor: Kafka produce -> consume (acks=all)", kafka);
        System.out.printf("%-58s %9.2f%n", "floor: sum of the two p50s", percentile(runtime, 50) + percentile(kafka, 50));
        row("sandbox claim from the warm pool (POST /sandboxes)", claims);
        assertThat(overhead).hasSize(STEPS);
    }

    private static List<Long> observationArrivals(EventStreamRecorder live) {
        List<ConversationEvent> events = live.events();
        List<Long> arrivals = live.arrivals();
        List<Long> observed = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).payload() instanceof ObservationEvent) {
                observed.add(arrivals.get(i));
            }
        }
        return observed;
    }

    private static List<Double> runtimeRoundTrips(String sandboxId) throws Exception {
        JsonPath connection = given().baseUri(Platform.get().service("sandbox-manager").url().toString())
                .header(InternalHeaders.SERVICE_TOKEN, agentWorkerToken())
                .get("/sandboxes/" + sandboxId + "/connection").then().statusCode(200).extract().jsonPath();
        // the JDK client, as lean as the worker's own calls: rest-assured adds milliseconds of its own
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(connection.getString("runtimeUrl") + "/api/v1/terminal"))
                .header("X-Session-API-Key", connection.getString("sessionApiKey"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"true\"}")).build();
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < FLOOR_SAMPLES; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            samples.add((System.nanoTime() - start) / 1e6);
            assertThat(response.statusCode()).isEqualTo(200);
        }
        return samples;
    }

    private static List<Double> kafkaRoundTrips() throws Exception {
        String bootstrap = KafkaTestResource.bootstrapServers();
        String topic = "gantry.benchmark-floor-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Properties producerConfig = new Properties();
        producerConfig.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "0"));
        Properties consumerConfig = new Properties();
        consumerConfig.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        TopicPartition partition = new TopicPartition(topic, 0);
        List<Double> samples = new ArrayList<>();
        try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
                var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            for (int i = 0; i < FLOOR_SAMPLES; i++) {
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "k", "v" + i)).get();
                ConsumerRecords<String, String> records;
                do {
                    records = consumer.poll(Duration.ofMillis(100));
                } while (records.isEmpty());
                samples.add((System.nanoTime() - start) / 1e6);
            }
        }
        return samples;
    }

    private static List<Double> warmClaims() throws InterruptedException {
        String manager = Platform.get().service("sandbox-manager").url().toString();
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < CLAIMS; i++) {
            Thread.sleep(POOL_REFILL.toMillis());
            long start = System.nanoTime();
            JsonPath sandbox = given().baseUri(manager).contentType(ContentType.JSON)
                    .header(InternalHeaders.SERVICE_TOKEN, agentWorkerToken())
                    .body(Map.of("ownerId", "bench")).post("/sandboxes").then().statusCode(201).extract().jsonPath();
            samples.add((System.nanoTime() - start) / 1e6);
            assertThat(sandbox.getString("status")).as("claimed from the pool").isEqualTo("RUNNING");
            given().baseUri(manager).header(InternalHeaders.SERVICE_TOKEN, agentWorkerToken()).delete("/sandboxes/" + sandbox.getString("id"))
                    .then().statusCode(204);
        }
        return samples;
    }

    private static void row(String name, List<Double> samples) {
        System.out.printf("%-58s %9.2f %9.2f%n", name, percentile(samples, 50), percentile(samples, 99));
    }

    private static double percentile(List<Double> samples, int percent) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    /** The benchmark calls the sandbox-manager as the agent-worker does. */
    private static String agentWorkerToken() {
        return Platform.get().credentials().serviceToken(ServiceNames.AGENT_WORKER);
    }
}
