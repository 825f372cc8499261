package dev.gantry.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * integrations-service, whose answers INTERNAL-API.md does not shape yet: they are relayed as JSON.
 * A webhook's JSON body is relayed as bytes with its provider headers ({@link WebhookHeadersFactory}),
 * so the service can check the signature over exactly what the provider sent.
 */
@RegisterRestClient(configKey = "integrations-service")
@RegisterProvider(DownstreamResponseMapper.class)
@RegisterClientHeaders(WebhookHeadersFactory.class)
public interface IntegrationsApi {

    @GET
    @Path("/git/repositories")
    Uni<JsonNode> repositories(@HeaderParam(GantryHeaders.USER) String user,
            @QueryParam("provider") String provider, @QueryParam("pageId") String pageId,
            @QueryParam("limit") Integer limit);

    @GET
    @Path("/git/branches")
    Uni<JsonNode> branches(@HeaderParam(GantryHeaders.USER) String user,
            @QueryParam("repository") String repository);

    @POST
    @Path("/webhooks/{provider}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Void> webhook(@PathParam("provider") String provider, byte[] body);
}
