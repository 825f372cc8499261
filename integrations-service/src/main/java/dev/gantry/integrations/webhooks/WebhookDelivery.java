package dev.gantry.integrations.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A verified webhook delivery as it is kept on {@code gantry.resolver-deliveries}: the provider's event name and
 * delivery id, the configuration it was verified with, and the payload (no signature, no secret).
 */
public record WebhookDelivery(String provider, String deliveryId, String event, UUID configurationId, String host,
        String repository, Instant receivedAt, JsonNode payload) {

    /** The record's key: one repository's deliveries stay on one partition, in order. */
    public String key() {
        return provider + ":" + host + "/" + repository;
    }
}
