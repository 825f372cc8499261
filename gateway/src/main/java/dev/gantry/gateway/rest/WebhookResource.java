package dev.gantry.gateway.rest;

import dev.gantry.gateway.client.Integrations;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Inbound webhooks of git providers. They carry no user token: the provider signs them, and
 * integrations-service checks the signature, so the body is relayed byte for byte.
 */
@Path("/api/v1/webhooks")
@PermitAll
@Tag(name = "git")
public class WebhookResource {

    private static final String PROVIDERS = "github|gitlab|bitbucket|azure-devops|forgejo";

    private final Integrations integrations;

    WebhookResource(Integrations integrations) {
        this.integrations = integrations;
    }

    @POST
    @Path("/{provider}")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    @SecurityRequirements
    @Operation(summary = "Receive a git provider's webhook (signed by the provider, no bearer token)")
    @APIResponse(responseCode = "202", description = "Accepted for integrations-service")
    @APIResponse(responseCode = "503", description = GitResource.INTEGRATIONS_UNAVAILABLE)
    public Uni<Void> receive(
            @PathParam("provider") @Pattern(regexp = PROVIDERS, message = "must be one of " + PROVIDERS) String provider,
            @NotNull byte[] body) {
        return integrations.webhook(provider, body);
    }
}
