package dev.gantry.worker.messaging;

import dev.gantry.worker.config.WorkerConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client settings of the worker's own consumers and producers: the application's {@code kafka.*}
 * settings (servers, and the security a secured cluster needs: {@code security.protocol}, SASL, TLS), which
 * its messaging channels use too, with each client's own settings on top.
 */
@ApplicationScoped
class KafkaSettings {

    static final String COMMAND_CONSUMER_CLIENT_ID = "gantry-agent-worker-commands";

    private final Map<String, Object> common;
    private final WorkerConfig config;

    KafkaSettings(@Identifier("default-kafka-broker") Map<String, Object> common, WorkerConfig config) {
        this.common = Map.copyOf(common);
        this.config = config;
    }

    Map<String, Object> commandConsumer() {
        Map<String, Object> props = readCommitted();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.commands().group());
        // names its lag on /q/metrics (client_id)
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, COMMAND_CONSUMER_CLIENT_ID);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // only the partitions that move are revoked, so a rebalance does not stop every conversation
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return props;
    }

    /** A consumer that is assigned partitions by hand, to read the event topic's tail. */
    Map<String, Object> eventReader() {
        Map<String, Object> props = readCommitted();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }

    Map<String, Object> eventWriter(int partition) {
        Map<String, Object> props = new HashMap<>(common);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.commands().transactionalIdPrefix() + partition);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) config.commands().transactionTimeout().toMillis());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // an agent step waits for its events: do not hold them back to fill a batch
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return props;
    }

    private Map<String, Object> readCommitted() {
        Map<String, Object> props = new HashMap<>(common);
        // events of a fenced owner's aborted transactions are never seen
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }
}
