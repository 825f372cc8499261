package dev.gantry.eventstore.stream;

import static dev.gantry.eventstore.support.Awaits.STORED_WITHIN;
import static dev.gantry.eventstore.support.Awaits.awaitHead;
import static dev.gantry.eventstore.support.TestEvents.event;
import static dev.gantry.eventstore.support.TestEvents.messages;
import static dev.gantry.eventstore.support.TestEvents.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.eventstore.config.EventStoreConfig;
import dev.gantry.eventstore.repository.EventRepository;
import dev.gantry.eventstore.service.EventIngestor;
import dev.gantry.eventstore.service.IngestMetrics;
import dev.gantry.eventstore.service.KnownHeads;
import dev.gantry.eventstore.support.EventStoreTest;
import dev.gantry.eventstore.support.Callers;
import dev.gantry.eventstore.support.SseClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.auth.TestCallers;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The live stream: replay, the switch to live, fan-out across replicas, heartbeats and slow clients. */
@EventStoreTest
class EventStreamTest {

    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(30);
    private static final Pattern EVENT_ID = Pattern.compile("^id:\\s*(\\d+)$", Pattern.MULTILINE);

    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;
    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    EventStoreConfig config;
    @Inject
    EventRepository repository;
    @Inject
    MeterRegistry meters;

    @Test
    void aStreamOpenedWithLastEventIdMidwayReceivesExactlyTheRestWhileNewEventsKeepArriving() throws Exception {
        UUID conversation = UUID.randomUUID();
        List<ConversationEvent> history = messages(conversation, 1, 40);
        List<ConversationEvent> live = messages(conversation, 41, 120);
        produce(history);
        awaitHead(conversation, 40);

        Thread producer = Thread.ofVirtual().start(() -> {
            for (int from = 0; from < live.size(); from += 5) {
                produce(live.subList(from, from + 5));
                pause(Duration.ofMillis(20));
            }
        });
        try (SseClient client = SseClient.open(streamUri(conversation, ""), Map.of("Last-Event-ID", "20"))) {
            await().atMost(DELIVERED_WITHIN).until(() -> client.seqs().contains(120L));
            producer.join();
            awaitHead(conversation, 120);
            pause(Duration.ofMillis(300));

            List<ConversationEvent> expected = new ArrayList<>(history.subList(20, 40));
            expected.addAll(live);
            assertThat(client.seqs()).containsExactlyElementsOf(expected.stream().map(ConversationEvent::seq).toList());
            assertThat(client.events()).extracting(event -> read(event.data()))
                    .containsExactlyElementsOf(expected.stream().map(EventStreamTest::asStored).toList());
            assertThat(client.events()).extracting(SseClient.Event::name).containsOnly("MessageEvent");
        }
    }

    @Test
    void afterSeqStartsTheStreamAndHeartbeatsKeepAQuietStreamAlive() throws Exception {
        UUID conversation = UUID.randomUUID();
        produce(messages(conversation, 1, 5));
        awaitHead(conversation, 5);

        try (SseClient client = SseClient.open(streamUri(conversation, "?afterSeq=3"), Map.of())) {
            assertThat(client.status()).isEqualTo(200);
            await().atMost(DELIVERED_WITHIN).until(() -> client.seqs().size() == 2 && client.comments() >= 2);
            assertThat(client.seqs()).containsExactly(4L, 5L);
            assertThat(client.ended()).isFalse();
        }
    }

    @Test
    void aStreamOnOneReplicaReceivesEventsStoredByAnother() throws Exception {
        UUID conversation = UUID.randomUUID();
        EventIngestor otherReplica = anotherReplicasIngest();

        try (SseClient client = SseClient.open(streamUri(conversation, ""), Map.of())) {
            awaitListening(client);
            List<ConversationEvent> events = messages(conversation, 1, 3);
            otherReplica.ingest(events).await().atMost(STORED_WITHIN);

            await().atMost(DELIVERED_WITHIN).until(() -> client.seqs().size() == 3);
            assertThat(client.events()).extracting(event -> read(event.data()))
                    .containsExactlyElementsOf(events.stream().map(EventStreamTest::asStored).toList());
        }
    }

    @Test
    void aStreamThatMissesAnAnnouncementReadsTheMissingEventsFromTheLog() throws Exception {
        UUID conversation = UUID.randomUUID();
        try (SseClient client = SseClient.open(streamUri(conversation, ""), Map.of())) {
            awaitListening(client);
            // stored, but never announced on Redis, as if the announcement had been lost
            repository.insertNew(messages(conversation, 1, 3), List.of()).await().atMost(STORED_WITHIN);
            anotherReplicasIngest().ingest(messages(conversation, 4, 4)).await().atMost(STORED_WITHIN);

            await().atMost(DELIVERED_WITHIN).until(() -> client.seqs().size() == 4);
            assertThat(client.seqs()).containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    void aClientThatStopsReadingDoesNotDelayAnotherAndItsStreamEnds() throws Exception {
        UUID conversation = UUID.randomUUID();
        // 12 MB: far more than the stalled connection's socket buffers and stream buffer hold together
        int total = 1500;
        String bulk = "x".repeat(8 * 1024);
        List<ConversationEvent> events = LongStream.rangeClosed(1, total)
                .mapToObj(seq -> event(conversation, seq, EventSource.AGENT, new MessageEvent(seq + " " + bulk)))
                .toList();

        double openBefore = openStreams();
        try (SseClient reader = SseClient.open(streamUri(conversation, ""), Map.of());
                Socket stalled = openWithoutReading(conversation)) {
            awaitListening(reader);
            pause(Duration.ofMillis(500));

            produce(events);

            await().atMost(DELIVERED_WITHIN).until(() -> reader.seqs().size() == total);
            assertThat(reader.seqs()).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());

            List<Long> stalledSeqs = readToTheEnd(stalled);
            assertThat(stalledSeqs).as("the stalled stream ended before the last event").isNotEmpty()
                    .hasSizeLessThan(total)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, stalledSeqs.size()).boxed().toList());
        }
        await("both streams are closed and forgotten").atMost(DELIVERED_WITHIN)
                .until(() -> openStreams() <= openBefore);
    }

    private double openStreams() {
        return meters.get("gantry.streams.open").gauge().value();
    }

    /** The ingest path of a second event-store replica: the same database and Redis, its own components. */
    private EventIngestor anotherReplicasIngest() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        return new EventIngestor(new EventRepository(pool, mapper),
                new LiveEventPublisher(redis, new LiveMessageCodec(mapper), config, meters), new IngestMetrics(meters),
                new KnownHeads(config));
    }

    /** A heartbeat proves the stream has registered for live events and read the log. */
    private static void awaitListening(SseClient client) {
        await().atMost(DELIVERED_WITHIN).until(() -> client.comments() > 0);
    }

    private static URI streamUri(UUID conversation, String query) {
        return URI.create("http://localhost:" + RestAssured.port + "/conversations/" + conversation + "/events/stream" + query);
    }

    /** A raw connection with a tiny receive window that sends the request and then reads nothing. */
    private static Socket openWithoutReading(UUID conversation) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", RestAssured.port));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /conversations/" + conversation + "/events/stream HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: text/event-stream\r\n" + InternalHeaders.AUTHORIZATION + ": "
                + TestCallers.authorization(Callers.USER) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Everything the server sent until it closed the connection, as the event ids in it. */
    private static List<Long> readToTheEnd(Socket socket) throws IOException {
        socket.setSoTimeout((int) DELIVERED_WITHIN.toMillis());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        in.transferTo(received);
        Matcher ids = EVENT_ID.matcher(received.toString(StandardCharsets.UTF_8));
        List<Long> seqs = new ArrayList<>();
        while (ids.find()) {
            seqs.add(Long.parseLong(ids.group(1)));
        }
        return seqs;
    }

    private static ConversationEvent asStored(ConversationEvent event) {
        return new ConversationEvent(event.id(), event.conversationId(), event.seq(),
                event.timestamp().truncatedTo(ChronoUnit.MICROS), event.source(), event.payload());
    }

    private static ConversationEvent read(String json) {
        try {
            return GantryJson.mapper().readValue(json, ConversationEvent.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not an event: " + json, e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
