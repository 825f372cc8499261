package dev.gantry.integrations.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.contracts.git.GitProvider;
import dev.gantry.integrations.resolver.ResolverRequestException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * Takes a provider's webhook: reads the repository it is about, checks its signature with that repository's
 * webhook secret, and writes it to {@code gantry.resolver-deliveries}, where the resolver reads it. Nothing else is
 * done before the answer, so a provider gets its 202 at once; a repeat of a delivery is dropped by the resolver,
 * which starts at most one conversation per delivery id.
 */
@ApplicationScoped
public class WebhookIntake {

    static final String DELIVERIES = "gantry.webhooks.deliveries";

    /** What became of a webhook that was not refused. */
    public enum Outcome { ACCEPTED, NOT_CONFIGURED }

    private final ObjectMapper json;
    private final WebhookSecrets secrets;
    private final DeliveryPublisher publisher;
    private final MeterRegistry meters;

    WebhookIntake(ObjectMapper json, WebhookSecrets secrets, DeliveryPublisher publisher, MeterRegistry meters) {
        this.json = json;
        this.secrets = secrets;
        this.publisher = publisher;
        this.meters = meters;
    }

    public Outcome receive(GitProvider provider, WebhookHeaders headers, byte[] body) {
        String signatureHeader = WebhookHeaders.signatureHeader(provider);
        if (headers.signature() == null) {
            throw refused("missing", provider, signatureHeader + " is missing");
        }
        JsonNode payload = parse(body);
        Optional<WebhookRepository> repository = WebhookRepository.of(provider, payload);
        if (repository.isEmpty()) {
            throw ResolverRequestException.invalid("body", "names no repository (" + (provider == GitProvider.GITLAB
                    ? "project.path_with_namespace" : "repository.full_name") + ")");
        }
        WebhookRepository about = repository.get();
        Optional<WebhookSecrets.Keyed> keyed = secrets.of(provider.wireName(), about);
        if (keyed.isEmpty()) {
            Log.infof("%s webhook %s for %s/%s dropped: the repository has no resolver configuration",
                    provider.wireName(), headers.deliveryId(), about.host(), about.repository());
            meters.counter(DELIVERIES, "outcome", "not-configured").increment();
            return Outcome.NOT_CONFIGURED;
        }
        if (!WebhookSignatures.valid(provider, keyed.get().secret(), body, headers.signature())) {
            throw refused("refused", provider, signatureHeader + " does not match the repository's webhook secret");
        }
        if (headers.deliveryId() == null) {
            throw ResolverRequestException.invalid(WebhookHeaders.deliveryHeader(provider), "is required");
        }
        if (headers.event() == null) {
            throw ResolverRequestException.invalid(WebhookHeaders.eventHeader(provider), "is required");
        }
        publisher.publish(new WebhookDelivery(provider.wireName(), headers.deliveryId(), headers.event(),
                keyed.get().configuration().id(), about.host(), about.repository(), Instant.now(), payload));
        meters.counter(DELIVERIES, "outcome", "accepted").increment();
        return Outcome.ACCEPTED;
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode payload = json.readTree(body);
            if (payload == null || !payload.isObject()) {
                throw ResolverRequestException.invalid("body", "must be a JSON object");
            }
            return payload;
        } catch (JsonProcessingException e) {
            throw ResolverRequestException.invalid("body", "is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ResolverRequestException.invalid("body", "could not be read");
        }
    }

    private ResolverRequestException refused(String outcome, GitProvider provider, String detail) {
        meters.counter(DELIVERIES, "outcome", "signature-" + outcome).increment();
        Log.warnf("%s webhook refused: %s", provider.wireName(), detail);
        return ResolverRequestException.badSignature(detail);
    }
}
