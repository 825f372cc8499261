package dev.gantry.eventstore.benchmark;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.eventstore.repository.EventRepository;
import dev.gantry.eventstore.support.EventStoreTest;
import dev.gantry.eventstore.support.SseClient;
import dev.gantry.testing.KafkaTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Figures, not checks: ingest rate from the topic to committed rows, and live delivery latency from
 * produce to SSE client with 1, 100 and 1,000 open streams. Excluded from the default build; run with
 * {@code mvn -B -o -pl event-store verify -Pbenchmark}. Broker, database, Redis, the service and the
 * clients all share this machine, so the figures are a floor for a real deployment.
 */
@Tag("benchmark")
@EventStoreTest
@TestProfile(EventStoreBenchmarkTest.ProductionSettings.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventStoreBenchmarkTest {

    private static final int INGEST_EVENTS = 100_000;
    private static final int INGEST_CONVERSATIONS = 1_000;
    private static final int INGEST_WARM_UP_EVENTS = 100_000;
    private static final int LIVE_EVENTS_PER_SECOND = 1_000;
    private static final Duration STORED_WITHIN = Duration.ofMinutes(5);
    private static final String FILLER = "x".repeat(200);

    /** The stream settings a deployment runs with, not the tests' small ones. */
    public static class ProductionSettings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gantry.event-store.stream.heartbeat", "15s",
                    "gantry.event-store.stream.buffer-size", "2048",
                    "mp.messaging.incoming.\"gantry.conversation-events\".max.poll.records", "1000");
        }
    }

    /** Sends each record at once: what latency is measured with. */
    private static KafkaProducer<String, String> producer;
    /** Batches records, as a busy agent-worker fleet's producers do: what ingest is measured with. */
    private static KafkaProducer<String, String> bulkProducer;

    @Inject
    MeterRegistry meters;

    @Inject
    EventRepository repository;

    @Inject
    KafkaClientService kafka;

    @Inject
    Pool pool;

    @BeforeAll
    static void producers() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
        bulkProducer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void closeProducers() {
        producer.close();
        bulkProducer.close();
    }

    /** How the events reach the topic while ingest is measured. */
    private enum Ingest {
        /** Not reported: the JIT compiles the ingest path first, as it has in any replica that runs for a while. */
        WARM_UP,
        /** All events are on the topic before the store takes the first: its rate from topic to committed rows. */
        BACKLOG,
        /** The store takes the events while they are produced, the producer sharing the machine's cores. */
        WHILE_PRODUCED
    }

    @Test
    @Order(0)
    void warmUpTheIngestPath() {
        ingest(INGEST_WARM_UP_EVENTS, Ingest.WARM_UP);
    }

    @Test
    @Order(1)
    void ingestRateOfABacklog() {
        ingest(INGEST_EVENTS, Ingest.BACKLOG);
    }

    @Test
    @Order(2)
    void ingestRateWhileProduced() {
        ingest(INGEST_EVENTS, Ingest.WHILE_PRODUCED);
    }

    private void ingest(int eventCount, Ingest mode) {
        List<UUID> conversations = IntStream.range(0, INGEST_CONVERSATIONS).mapToObj(i -> UUID.randomUUID()).toList();
        int perConversation = eventCount / INGEST_CONVERSATIONS;
        List<ProducerRecord<String, String>> records = new ArrayList<>(eventCount);
        for (int seq = 1; seq <= perConversation; seq++) {
            for (UUID conversation : conversations) {
                records.add(record(conversation, seq, FILLER));
            }
        }
        double storedBefore = stored();
        BatchStats batchesBefore = batchStats();

        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(Topics.CONVERSATION_EVENTS);
        if (mode == Ingest.BACKLOG) {
            consumer.pause().await().atMost(Duration.ofSeconds(10));
        }
        long sending = System.nanoTime();
        records.forEach(bulkProducer::send);
        bulkProducer.flush();
        long produced = System.nanoTime();
        if (mode == Ingest.BACKLOG) {
            consumer.resume().await().atMost(Duration.ofSeconds(10));
        }
        long start = mode == Ingest.BACKLOG ? System.nanoTime() : sending;
        await().atMost(STORED_WITHIN).pollInterval(Duration.ofMillis(10))
                .until(() -> stored() - storedBefore >= eventCount);
        long committed = System.nanoTime();

        // the next run measures against the same table, not one grown by each run's events, and not while
        // autovacuum works through the rows deleted here
        conversations.forEach(conversation -> repository.deleteConversation(conversation).await().indefinitely());
        pool.query("VACUUM ANALYZE conversation_events").execute().await().atMost(Duration.ofMinutes(1));
        if (mode == Ingest.WARM_UP) {
            return;
        }
        double seconds = (committed - start) / 1e9;
        System.out.printf("%nBENCHMARK ingest, %s: %,d events (%d conversations) from %s to last committed row"
                + " in %.2f s = %,.0f events/s (producing alone took %.2f s)%n",
                mode == Ingest.BACKLOG ? "a backlog on the topic" : "while produced", eventCount, INGEST_CONVERSATIONS,
                mode == Ingest.BACKLOG ? "the consumer's resumption" : "first send", seconds, eventCount / seconds,
                (produced - sending) / 1e9);
        System.out.println("BENCHMARK ingest batches: " + batchStats().since(batchesBefore));
    }

    /** Not reported: the JIT compiles the live path first, as it has in any replica that runs for a while. */
    @Test
    @Order(3)
    void warmUpTheLivePath() throws Exception {
        liveLatency(10, 3_000, false);
    }

    @Test
    @Order(4)
    void liveLatencyWithOneStream() throws Exception {
        liveLatency(1, 2_000, true);
    }

    @Test
    @Order(5)
    void liveLatencyWithHundredStreams() throws Exception {
        liveLatency(100, 3_000, true);
    }

    @Test
    @Order(6)
    void liveLatencyWithThousandStreams() throws Exception {
        liveLatency(1_000, 5_000, true);
    }

    /**
     * One stream per conversation (as UIs watch their own conversation); events spread round-robin
     * over the conversations at {@link #LIVE_EVENTS_PER_SECOND}, each carrying its send time.
     */
    private void liveLatency(int streams, int events, boolean report) throws Exception {
        List<UUID> conversations = IntStream.range(0, streams).mapToObj(i -> UUID.randomUUID()).toList();
        // counted, not read from the open-streams gauge: the last phase's streams may still be closing
        double openedBefore = meters.counter("gantry.streams.opened").count();
        List<SseClient> clients = new ArrayList<>(streams);
        try {
            for (UUID conversation : conversations) {
                clients.add(SseClient.open(URI.create("http://localhost:" + RestAssured.port + "/conversations/"
                        + conversation + "/events/stream"), Map.of()));
            }
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> meters.counter("gantry.streams.opened").count() - openedBefore >= streams);

            BatchStats batchesBefore = batchStats();
            long interval = Duration.ofSeconds(1).toNanos() / LIVE_EVENTS_PER_SECOND;
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                LockSupport.parkNanos(start + i * interval - System.nanoTime());
                UUID conversation = conversations.get(i % streams);
                producer.send(record(conversation, i / streams + 1, Long.toString(System.nanoTime())));
            }
            producer.flush();
            await().atMost(STORED_WITHIN).pollInterval(Duration.ofMillis(50))
                    .until(() -> clients.stream().mapToInt(client -> client.events().size()).sum() >= events);

            if (!report) {
                return;
            }
            long[] latencies = clients.stream().flatMap(client -> client.events().stream())
                    .mapToLong(EventStoreBenchmarkTest::latencyNanos).sorted().toArray();
            System.out.printf("%nBENCHMARK live delivery, %,d open streams: %,d events at %,d events/s,"
                    + " produce -> SSE client p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    streams, latencies.length, LIVE_EVENTS_PER_SECOND, percentile(latencies, 0.50),
                    percentile(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
            System.out.println("BENCHMARK live batches: " + batchStats().since(batchesBefore));
        } finally {
            for (SseClient client : clients) {
                client.close();
            }
            conversations.forEach(conversation -> repository.deleteConversation(conversation).await().indefinitely());
        }
    }

    private static ProducerRecord<String, String> record(UUID conversation, long seq, String content) {
        ConversationEvent event = ConversationEvent.of(conversation, seq, Instant.now(), EventSource.AGENT,
                new MessageEvent(content));
        try {
            return new ProducerRecord<>(Topics.CONVERSATION_EVENTS, conversation.toString(),
                    GantryJson.mapper().writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The event's content is the {@link System#nanoTime()} at which it was sent. */
    private static long latencyNanos(SseClient.Event received) {
        try {
            ConversationEvent event = GantryJson.mapper().readValue(received.data(), ConversationEvent.class);
            return received.receivedNanos() - Long.parseLong(((MessageEvent) event.payload()).content());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double percentile(long[] sorted, double fraction) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private BatchStats batchStats() {
        return new BatchStats(meters.summary("gantry.events.batch.size").count(),
                meters.summary("gantry.events.batch.size").totalAmount(),
                meters.timer("gantry.events.batch.duration").totalTime(TimeUnit.MILLISECONDS));
    }

    /** Totals of the ingest batch meters; the difference of two is a phase's batches. */
    private record BatchStats(long batches, double events, double millis) {

        String since(BatchStats before) {
            long count = batches - before.batches;
            return String.format("%,d batches, %.1f events and %.2f ms each on average", count,
                    (events - before.events) / Math.max(1, count), (millis - before.millis) / Math.max(1, count));
        }
    }

    private double stored() {
        return meters.counter("gantry.events.stored").count();
    }
}
