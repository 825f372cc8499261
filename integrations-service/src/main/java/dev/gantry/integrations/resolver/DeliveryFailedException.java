package dev.gantry.integrations.resolver;

import dev.gantry.integrations.webhooks.WebhookDelivery;

/**
 * A delivery whose processing failed on every try: the resolver's channel sets it aside on the dead-letter topic,
 * with this message (no payload, no credential) as its reason.
 */
public class DeliveryFailedException extends RuntimeException {

    DeliveryFailedException(WebhookDelivery delivery, int attempts, RuntimeException last) {
        super("%s delivery %s for %s/%s failed %d times, the last: %s".formatted(delivery.provider(),
                delivery.deliveryId(), delivery.host(), delivery.repository(), attempts, last.getClass().getSimpleName()),
                last);
    }
}
