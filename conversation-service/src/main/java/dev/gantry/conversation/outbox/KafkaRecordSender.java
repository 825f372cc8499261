package dev.gantry.conversation.outbox;

import dev.gantry.conversation.config.OutboxConfig;
import dev.gantry.platform.tracing.KafkaTraceHeaders;
import dev.gantry.platform.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
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
    private final Tracing tracing;

    /** Built on the application's {@code kafka.*} settings (servers, security), tuned for the relay. */
    @Inject
    KafkaRecordSender(@Identifier("default-kafka-broker") Map<String, Object> kafka, OutboxConfig config,
            Tracing tracing) {
        this(producerConfig(kafka, config), tracing);
    }

    /** A sender with the given producer settings; tests point one at a broker that is not there. */
    public KafkaRecordSender(Map<String, Object> producerConfig, Tracing tracing) {
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
        this.tracing = tracing;
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

    /**
     * Completes when the broker acknowledged the record, fails when it did not within the send timeout. The
     * record continues the trace of {@code traceparent} (the request that wrote the row; null for none): its
     * publish span is a child of it, and its headers carry the publish span to the consumers.
     */
    public Uni<Void> send(String topic, String key, String value, String traceparent) {
        return Uni.createFrom().<Void>emitter(emitter -> {
            Span publish = tracing.messagingSpan("publish", topic, SpanKind.PRODUCER,
                    tracing.fromTraceparent(traceparent));
            try {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
                KafkaTraceHeaders.inject(tracing, Context.root().with(publish), record.headers());
                producer.send(record, (metadata, failure) -> {
                    if (failure == null) {
                        publish.end();
                        emitter.complete(null);
                    } else {
                        publish.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName()).end();
                        emitter.fail(failure);
                    }
                });
            } catch (RuntimeException failure) {
                publish.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName()).end();
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
