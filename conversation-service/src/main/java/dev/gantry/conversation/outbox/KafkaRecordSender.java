package dev.gantry.conversation.outbox;

import dev.gantry.conversation.config.OutboxConfig;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The outbox relay's own Kafka producer. A plain producer rather than a messaging channel because
 * the relay needs each record's acknowledgement, or its failure within a bounded time, to decide
 * whether the row is sent; an emitter would buffer and retry on its own.
 */
@ApplicationScoped
public class KafkaRecordSender {

    private final Producer<String, String> producer;

    /** Built on the application's {@code kafka.*} settings (servers, security), tuned for the relay. */
    @Inject
    KafkaRecordSender(@Identifier("default-kafka-broker") Map<String, Object> kafka, OutboxConfig config) {
        this(producerConfig(kafka, config));
    }

    /** A sender with the given producer settings; tests point one at a broker that is not there. */
    public KafkaRecordSender(Map<String, Object> producerConfig) {
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
    }

    /**
     * Producer settings for the relay: acknowledged by all in-sync replicas, idempotent so a
     * producer-internal retry does not write a record twice, and giving up within the send timeout.
     */
    public static Map<String, Object> producerConfig(Map<String, Object> kafka, OutboxConfig config) {
        Map<String, Object> settings = new HashMap<>(kafka);
        int timeoutMillis = Math.toIntExact(config.sendTimeout().toMillis());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "conversation-service-outbox");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMillis);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMillis);
        return settings;
    }

    /** Completes when the broker acknowledged the record, fails when it did not within the send timeout. */
    public Uni<Void> send(String topic, String key, String value) {
        return Uni.createFrom().<Void>emitter(emitter -> {
            try {
                producer.send(new ProducerRecord<>(topic, key, value), (metadata, failure) -> {
                    if (failure == null) {
                        emitter.complete(null);
                    } else {
                        emitter.fail(failure);
                    }
                });
            } catch (RuntimeException failure) {
                emitter.fail(failure);
            }
        })
                // send() blocks while it waits for the topic's metadata: never on an event loop
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @PreDestroy
    public void close() {
        producer.close();
    }
}
