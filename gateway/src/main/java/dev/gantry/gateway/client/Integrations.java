package dev.gantry.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.gateway.api.GitConnectionRequest;
import dev.gantry.gateway.api.ResolverConfigurationRequest;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import dev.gantry.gateway.auth.Caller;
import dev.gantry.gateway.mapping.Problems;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * integrations-service. While it is not deployed every call fails fast into the 503
 * "integrations service not available" problem (the circuit opens after a few refusals).
 */
@ApplicationScoped
@Downstream(Problems.INTEGRATIONS_SERVICE)
@ApplyGuard(Guards.INTEGRATIONS)
public class Integrations {

    private final IntegrationsApi api;
    private final IntegrationsWebhookApi webhooks;

    Integrations(@RestClient IntegrationsApi api, @RestClient IntegrationsWebhookApi webhooks) {
        this.api = api;
        this.webhooks = webhooks;
    }

    @ApplyGuard(Guards.GIT_PROVIDER_IDEMPOTENT)
    public Uni<JsonNode> connections(Caller caller) {
        return api.connections(caller.user());
    }

    /** Not retried: the provider check it makes is not free, and the caller sees the answer. */
    @ApplyGuard(Guards.GIT_PROVIDER)
    public Uni<RestResponse<JsonNode>> connect(Caller caller, GitConnectionRequest request) {
        return api.connect(caller.user(), request);
    }

    public Uni<Void> disconnect(Caller caller, UUID id) {
        return api.disconnect(caller.user(), id);
    }

    @ApplyGuard(Guards.GIT_PROVIDER_IDEMPOTENT)
    public Uni<JsonNode> user(Caller caller, String host) {
        return api.user(caller.user(), host);
    }

    @ApplyGuard(Guards.GIT_PROVIDER_IDEMPOTENT)
    public Uni<JsonNode> repositories(Caller caller, String host, String query, String pageId, Integer limit) {
        return api.repositories(caller.user(), host, query, pageId, limit);
    }

    @ApplyGuard(Guards.GIT_PROVIDER_IDEMPOTENT)
    public Uni<JsonNode> branches(Caller caller, String repository, String host, String query, String pageId,
            Integer limit) {
        return api.branches(caller.user(), repository, host, query, pageId, limit);
    }

    @ApplyGuard(Guards.GIT_PROVIDER_IDEMPOTENT)
    public Uni<JsonNode> resolverConfigurations(Caller caller, Boolean allUsers) {
        return api.resolverConfigurations(caller.user(), allUsers);
    }

    @ApplyGuard(Guards.GIT_PROVIDER)
    public Uni<JsonNode> createResolverConfiguration(Caller caller, ResolverConfigurationRequest request) {
        return api.createResolverConfiguration(caller.user(), request);
    }

    public Uni<Void> deleteResolverConfiguration(Caller caller, UUID id) {
        return api.deleteResolverConfiguration(caller.user(), id);
    }

    /** Not retried: a provider redelivers a webhook that was not acknowledged. */
    public Uni<Void> webhook(String provider, byte[] body) {
        return webhooks.webhook(provider, body);
    }
}
