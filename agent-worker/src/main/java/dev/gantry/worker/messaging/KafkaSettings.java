package dev.gantry.worker.messaging;

import dev.gantry.worker.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The Kafka client settings of the worker's own consumers and producers. */
@ApplicationScoped
class KafkaSettings {

    private final String bootstrapServers;
    private final WorkerConfig config;

    KafkaSettings(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, WorkerConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
    }

    Map<String, Object> commandConsumer() {
        Map<String, Object> props = readCommitted();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.commands().group());
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
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.commands().transactionalIdPrefix() + partition);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) config.commands().transactionTimeout().toMillis());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // an agent step waits for its events: do not hold them back to fill a batch
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return props;
    }

    private Map<String, Object> readCommitted() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // events of a fenced owner's aborted transactions are never seen
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }
}
