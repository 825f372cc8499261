package dev.gantry.worker.messaging;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/** The partition of the event topic a conversation's events go to: Kafka's default for the key. */
final class EventPartitions {

    private EventPartitions() {
    }

    static int of(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
