package dev.gantry.integrations.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Writes a verified delivery to {@code gantry.resolver-deliveries} and waits for the broker's acknowledgement (all
 * in-sync replicas), so a delivery answered 202 is on the topic whatever happens to this process next.
 */
@ApplicationScoped
public class DeliveryPublisher {

    /** The outgoing channel; its topic is gantry.resolver-deliveries (application.properties). */
    public static final String CHANNEL = "resolver-deliveries-out";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    DeliveryPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    public void publish(WebhookDelivery delivery) {
        String record;
        try {
            record = json.writeValueAsString(delivery);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a delivery could not be written as JSON", e);
        }
        Message<String> message = Message.of(record)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(delivery.key()).build());
        emitter.sendMessage(message).await().atMost(ACK_TIMEOUT);
    }
}
