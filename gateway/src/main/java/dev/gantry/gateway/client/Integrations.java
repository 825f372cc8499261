package dev.gantry.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.gateway.auth.Caller;
import dev.gantry.gateway.mapping.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import dev.gantry.gateway.mapping.RequestProblemException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * integrations-service. While it is not deployed every call fails fast into the 503
 * "integrations service not available" problem (the circuit opens after a few refusals).
 */
@ApplicationScoped
@Downstream(Problems.INTEGRATIONS_SERVICE)
@Timeout(CallPolicy.TIMEOUT_MILLIS)
@CircuitBreaker(requestVolumeThreshold = CallPolicy.BREAKER_VOLUME, failureRatio = CallPolicy.BREAKER_FAILURE_RATIO,
        delay = CallPolicy.BREAKER_DELAY_MILLIS, successThreshold = CallPolicy.BREAKER_SUCCESSES_TO_CLOSE,
        skipOn = RequestProblemException.class)
public class Integrations {

    private final IntegrationsApi api;
    private final IntegrationsWebhookApi webhooks;

    Integrations(@RestClient IntegrationsApi api, @RestClient IntegrationsWebhookApi webhooks) {
        this.api = api;
        this.webhooks = webhooks;
    }

    @Retry(maxRetries = CallPolicy.MAX_RETRIES, delay = CallPolicy.RETRY_DELAY_MILLIS,
            jitter = CallPolicy.RETRY_JITTER_MILLIS, abortOn = RequestProblemException.class)
    public Uni<JsonNode> repositories(Caller caller, String provider, String pageId, Integer limit) {
        return api.repositories(caller.user(), provider, pageId, limit);
    }

    @Retry(maxRetries = CallPolicy.MAX_RETRIES, delay = CallPolicy.RETRY_DELAY_MILLIS,
            jitter = CallPolicy.RETRY_JITTER_MILLIS, abortOn = RequestProblemException.class)
    public Uni<JsonNode> branches(Caller caller, String repository) {
        return api.branches(caller.user(), repository);
    }

    /** Not retried: a provider redelivers a webhook that was not acknowledged. */
    public Uni<Void> webhook(String provider, byte[] body) {
        return webhooks.webhook(provider, body);
    }
}
