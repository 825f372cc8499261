package dev.gantry.eventstore.stream;

import static dev.gantry.eventstore.support.Awaits.awaitHead;
import static dev.gantry.eventstore.support.TestEvents.messages;
import static dev.gantry.eventstore.support.TestEvents.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.eventstore.support.SseClient;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PostgresTestResource;
import dev.gantry.testing.ProxiedRedisTestResource;
import dev.gantry.testing.net.LateTcpProxy;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Live streams when Redis, which carries the announcements of stored events, goes away under them: Redis pub/sub keeps
 * nothing for a subscriber that is not connected, and a subscription does not come back by itself.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(ProxiedRedisTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "gantry_events_test"),
        @ResourceArg(name = "jdbc", value = "true")})
class StreamWithoutRedisTest {

    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(20);

    @Inject
    LiveChannel channel;
    @Inject
    MeterRegistry meters;

    @AfterEach
    void redisIsHeardAgain() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !proxy().down() && channel.listening());
    }

    @Test
    void aStreamGetsWhatWasStoredWhileRedisWasAwayWithoutAnotherEventAndHearsAnnouncementsAgainAfter() throws Exception {
        UUID conversation = UUID.randomUUID();
        try (SseClient client = SseClient.open(streamUri(conversation), Map.of())) {
            await().atMost(DELIVERED_WITHIN).until(() -> client.comments() > 0);
            produce(messages(conversation, 1, 5));
            await().atMost(DELIVERED_WITHIN).until(() -> client.seqs().size() == 5);
            double lossesBefore = losses();

            proxy().cut(Duration.ofSeconds(3));
            produce(messages(conversation, 6, 15));
            awaitHead(conversation, 15);

            // nothing more is produced: the stream must not wait for a next event to learn of these
            await().atMost(DELIVERED_WITHIN).until(() -> client.seqs().contains(15L));
            await().atMost(DELIVERED_WITHIN).until(() -> channel.listening());
            assertThat(losses()).isGreaterThan(lossesBefore);

            produce(messages(conversation, 16, 20));
            await().atMost(DELIVERED_WITHIN).until(() -> client.seqs().contains(20L));
            assertThat(client.seqs()).containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
            assertThat(client.ended()).isFalse();
        }
    }

    @Test
    void whileRedisStaysAwayAStreamKeepsReceivingEventsFromTheLog() throws Exception {
        UUID conversation = UUID.randomUUID();
        try (SseClient client = SseClient.open(streamUri(conversation), Map.of())) {
            await().atMost(DELIVERED_WITHIN).until(() -> client.comments() > 0);
            proxy().cut(Duration.ofSeconds(10));
            await().atMost(DELIVERED_WITHIN).until(() -> !channel.listening());

            for (long seq = 1; seq <= 6; seq++) {
                produce(messages(conversation, seq, seq));
                long expected = seq;
                await().atMost(Duration.ofSeconds(5)).until(() -> client.seqs().contains(expected));
            }
            assertThat(proxy().down()).as("Redis is still away").isTrue();
            assertThat(client.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        }
    }

    @Test
    void whileRedisHangsWithoutClosingAnythingAStreamKeepsReceivingEventsFromTheLog() throws Exception {
        UUID conversation = UUID.randomUUID();
        try (SseClient client = SseClient.open(streamUri(conversation), Map.of())) {
            await().atMost(DELIVERED_WITHIN).until(() -> client.comments() > 0);
            double lossesBefore = losses();
            proxy().stall(Duration.ofSeconds(8));

            produce(messages(conversation, 1, 3));
            await().atMost(Duration.ofSeconds(5)).until(() -> client.seqs().size() == 3);
            assertThat(losses()).as("the probes that did not come back").isGreaterThan(lossesBefore);

            // once Redis answers again the announcements held up meanwhile arrive too: the stream drops them
            await().atMost(DELIVERED_WITHIN).until(() -> channel.listening());
            produce(messages(conversation, 4, 5));
            await().atMost(DELIVERED_WITHIN).until(() -> client.seqs().contains(5L));
            assertThat(client.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
    }

    private double losses() {
        return meters.get("gantry.streams.live.losses").counter().count();
    }

    private static LateTcpProxy proxy() {
        return ProxiedRedisTestResource.proxy();
    }

    private static URI streamUri(UUID conversation) {
        return URI.create("http://localhost:" + RestAssured.port + "/conversations/" + conversation + "/events/stream");
    }
}
