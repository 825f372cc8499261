package dev.gantry.worker.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.command.CondenserMode;
import dev.gantry.contracts.command.CondenserSettings;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.llm.ScriptedLlmServer;
import dev.gantry.worker.support.Conversation;
import dev.gantry.worker.support.EventTap;
import dev.gantry.worker.support.PlatformStub;
import dev.gantry.worker.support.WorkerTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The platform's overhead per agent step: from the moment the scripted LLM has sent its answer (a
 * terminal call of {@code true}) to the moment the step's ObservationEvent is read from the topic.
 * Printed beside the floor measured in the same run: one Kafka produce-and-consume plus one direct
 * round trip to the same sandbox runtime. Opt-in: {@code -Dgantry.benchmark=true -Dtest=StepOverheadBenchmark}.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
@EnabledIfSystemProperty(named = "gantry.benchmark", matches = "true")
class StepOverheadBenchmark {

    @Inject
    MeterRegistry meters;

    /** Below the platform's default limit of steps per run, and different commands so no stuck pattern fires. */
    private static final int STEPS = 90;
    private static final int WARM_UP = 10;
    private static final int FLOOR_SAMPLES = 200;
    private static final Duration THINKING = Duration.ofMillis(100);

    @Test
    void printsTheOverheadPerStepBesideTheFloor() throws Exception {
        Conversation conversation = new Conversation();
        List<Double> overhead = overheadPerStep(conversation, Optional.empty());
        // the same with an LLM that takes 100 ms to answer, still far quicker than a real one: the previous step's
        // work downstream of the worker (the event-store storing and announcing it) is done before the next answer
        List<Double> paced = overheadPerStep(new Conversation(), Optional.of(THINKING));

        PlatformStub.Connection sandbox = WorkerTestResource.platform().connection(conversation.sandboxId);
        List<Double> kafka = kafkaFloor(false, Duration.ZERO);
        List<Double> transactional = kafkaFloor(true, Duration.ZERO);
        List<Double> runtime = runtimeFloor(sandbox, Duration.ZERO);
        double floor = p(kafka, 50) + p(runtime, 50);
        // the floor's two calls made after the same pause as a paced step's: every thread wakes from idle, as in that step
        List<Double> pacedKafka = kafkaFloor(false, THINKING);
        List<Double> pacedRuntime = runtimeFloor(sandbox, THINKING);
        double pacedFloor = p(pacedKafka, 50) + p(pacedRuntime, 50);
        System.out.printf("""
                agent-worker step overhead (LLM answer sent -> ObservationEvent read from the topic), %d steps:
                  p50 %.2f ms   p99 %.2f ms
                floor in the same run: Kafka produce->consume p50 %.2f ms (p99 %.2f), runtime round trip p50 %.2f ms (p99 %.2f)
                  floor p50 %.2f ms; overhead p50 / floor p50 = %.2f
                with an LLM that thinks %d ms before each answer: p50 %.2f ms   p99 %.2f ms
                  floor with the same pause before each call: Kafka p50 %.2f ms, runtime p50 %.2f ms, floor p50 %.2f ms; ratio %.2f
                for comparison, one transactional produce->consume (a quick step makes one, a longer one two): p50 %.2f ms (p99 %.2f)
                inside the worker, whole run: terminal call p50 %.2f ms, event write (until committed) p50 %.2f ms
                """, overhead.size(), p(overhead, 50), p(overhead, 99), p(kafka, 50), p(kafka, 99), p(runtime, 50),
                p(runtime, 99), floor, p(overhead, 50) / floor, THINKING.toMillis(), p(paced, 50), p(paced, 99),
                p(pacedKafka, 50), p(pacedRuntime, 50), pacedFloor, p(paced, 50) / pacedFloor,
                p(transactional, 50), p(transactional, 99),
                median(meters.get("gantry.worker.tool.calls").tag("tool", "terminal").timer()),
                median(meters.get("gantry.worker.event.writes").timer()));
    }

    /** Runs {@link #STEPS} terminal steps and a finish; the overhead of each step after the warm-up ones. */
    private static List<Double> overheadPerStep(Conversation conversation, Optional<Duration> thinking) {
        ScriptedLlmServer.Script script = conversation.script();
        for (int i = 0; i < STEPS; i++) {
            script.add(new ScriptedLlmServer.Reply.Completion(null, List.of(ScriptedLlmServer.ToolCall.of("terminal",
                    "{\"command\": \"true # step " + i + "\"}")), ScriptedLlmServer.Script.PROMPT_TOKENS,
                    ScriptedLlmServer.Script.COMPLETION_TOKENS, thinking));
        }
        script.toolCall("finish", "{\"message\": \"done\"}");

        // no condensation midway: its summary would take one of the scripted answers meant for a step
        conversation.start("Run true many times.", conversation.settings(new CondenserSettings(CondenserMode.OFF, null,
                null)));
        Awaitility.await().atMost(Duration.ofMinutes(5)).until(() -> conversation.status() == ExecutionStatus.FINISHED);

        List<Long> answered = script.answeredAt();
        List<ConversationEvent> observations = conversation.events().stream()
                .filter(e -> e.payload() instanceof ObservationEvent o && o.toolName().equals("terminal")).toList();
        assertThat(observations).hasSize(STEPS);
        List<Double> overhead = new ArrayList<>();
        for (int i = WARM_UP; i < STEPS; i++) {
            overhead.add(millis(EventTap.get().arrivedAt(observations.get(i).id()) - answered.get(i)));
        }
        return overhead;
    }

    /** One produce-and-consume per sample, each after {@code pause}. */
    private static List<Double> kafkaFloor(boolean transactional, Duration pause) throws Exception {
        UUID probe = UUID.randomUUID();
        List<Double> samples = new ArrayList<>();
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0));
        if (transactional) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "benchmark-" + probe);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            if (transactional) {
                producer.initTransactions();
            }
            for (int i = 1; i <= samplesAfter(pause); i++) {
                Thread.sleep(pause);
                ConversationEvent event = ConversationEvent.of(probe, i, Instant.now(), EventSource.SYSTEM,
                        new MessageEvent("floor"));
                long sent = System.nanoTime();
                if (transactional) {
                    producer.beginTransaction();
                }
                producer.send(new ProducerRecord<>(Topics.CONVERSATION_EVENTS, probe.toString(),
                        GantryJson.mapper().writeValueAsString(event))).get();
                if (transactional) {
                    producer.commitTransaction();
                }
                int seen = i;
                Awaitility.await().pollInterval(Duration.ofMillis(1))
                        .until(() -> EventTap.get().events(probe).size() >= seen);
                samples.add(millis(EventTap.get().arrivedAt(event.id()) - sent));
            }
        }
        return samples;
    }

    /** One terminal call of {@code true} per sample, each after {@code pause}. */
    private static List<Double> runtimeFloor(PlatformStub.Connection connection, Duration pause) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < samplesAfter(pause); i++) {
            Thread.sleep(pause);
            HttpRequest request = HttpRequest.newBuilder(URI.create(connection.runtimeUrl() + "/api/v1/terminal"))
                    .header("Content-Type", "application/json")
                    .header("X-Session-API-Key", connection.sessionApiKey())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"true\"}")).build();
            long sent = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            samples.add(millis(System.nanoTime() - sent));
            assertThat(response.statusCode()).isEqualTo(200);
        }
        return samples;
    }

    /** Paced samples take a pause each: as many as the steps measured, so the run stays short. */
    private static int samplesAfter(Duration pause) {
        return pause.isZero() ? FLOOR_SAMPLES : STEPS;
    }

    private static double median(Timer timer) {
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == 0.5) {
                return value.value(TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException(timer.getId() + " publishes no median");
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static double p(List<Double> samples, int percentile) {
        List<Double> sorted = samples.stream().sorted().toList();
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
