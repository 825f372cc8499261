package dev.gantry.gateway.client;

import dev.gantry.platform.auth.ServiceCredentialFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * integrations-service's webhook route, which the gateway calls as itself (its own token,
 * {@link ServiceCredentialFilter}): a webhook comes from a git provider, not a user. The JSON body is relayed
 * as bytes with the provider's headers ({@link WebhookHeadersFactory}), so the service can check the
 * signature over exactly what the provider sent.
 */
@RegisterRestClient(configKey = "integrations-service")
@RegisterProvider(DownstreamResponseMapper.class)
@RegisterProvider(WebhookRefusalMapper.class)
@RegisterProvider(ServiceCredentialFilter.class)
@RegisterClientHeaders(WebhookHeadersFactory.class)
public interface IntegrationsWebhookApi {

    @POST
    @Path("/webhooks/{provider}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Void> webhook(@PathParam("provider") String provider, byte[] body);
}
