package dev.gantry.conversation.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Everything the service wrote to the command topics during this test JVM, read from the start by
 * one consumer; tests pick their records by key, so they do not see each other's. Partitions are
 * assigned, not subscribed: the shared test broker has no working group coordinator (its offsets
 * topic asks for 3 replicas of a 1-node cluster).
 */
public final class CommandLog {

    /** More than two relay passes (1 s apart): long enough for a duplicate to have shown up. */
    public static final Duration QUIET = Duration.ofMillis(2500);
    private static final Duration DELIVERY = Duration.ofSeconds(20);

    private static final Set<String> COMMAND_TOPICS = Set.of(Topics.CONVERSATION_COMMANDS, Topics.SANDBOX_COMMANDS);

    private static ConsumerTask<String, String> records;

    private CommandLog() {
    }

    private static synchronized ConsumerTask<String, String> records() {
        if (records == null) {
            // every partition from offset 0, assigned rather than subscribed: no consumer group needed
            Map<TopicPartition, Long> fromStart = Topics.ALL.stream()
                    .filter(topic -> COMMAND_TOPICS.contains(topic.name()))
                    .flatMap(topic -> IntStream.range(0, topic.partitions()).mapToObj(p -> new TopicPartition(topic.name(), p)))
                    .collect(Collectors.toMap(Function.identity(), partition -> 0L));
            records = new KafkaCompanion(bootstrapServers()).consumeStrings().fromOffsets(fromStart);
        }
        return records;
    }

    /**
     * The broker the service under test uses. Read from its config rather than from
     * KafkaTestResource, whose static broker belongs to the class loader that started the test resources.
     */
    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** The records on {@code topic} with this key so far, as JSON, in offset order. */
    public static List<JsonNode> on(String topic, Object key) {
        return records().getRecords().stream()
                .filter(r -> r.topic().equals(topic) && key.toString().equals(r.key()))
                .map(r -> parse(r.value()))
                .toList();
    }

    /** Waits for {@code count} records with this key, then checks no more come: exactly that many. */
    public static List<JsonNode> awaitExactly(String topic, Object key, int count) {
        await().atMost(DELIVERY).until(() -> on(topic, key).size() >= count);
        await().during(QUIET).atMost(QUIET.plusSeconds(2))
                .untilAsserted(() -> assertThat(on(topic, key)).as("records on %s keyed %s", topic, key).hasSize(count));
        return on(topic, key);
    }

    /** The conversation commands keyed by this conversation: exactly {@code count} of them. */
    public static List<JsonNode> conversationCommands(Object conversationId, int count) {
        return awaitExactly(Topics.CONVERSATION_COMMANDS, conversationId, count);
    }

    /** The {@code kind} of each command, in order. */
    public static List<String> kinds(List<JsonNode> commands) {
        return commands.stream().map(c -> c.path("kind").asText()).toList();
    }

    private static JsonNode parse(String json) {
        try {
            return GantryJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("a command record is not JSON: " + json, e);
        }
    }
}
