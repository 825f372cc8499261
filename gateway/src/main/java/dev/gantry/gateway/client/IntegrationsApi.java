package dev.gantry.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.platform.auth.Caller;
import io.quarkus.rest.client.reactive.NotBody;
import io.smallrye.mutiny.Uni;
import dev.gantry.gateway.api.GitConnectionRequest;
import dev.gantry.gateway.api.ResolverConfigurationRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * integrations-service's routes for a user, whose answers INTERNAL-API.md does not shape yet: they are
 * relayed as JSON. Webhooks, which no user sends, go through {@link IntegrationsWebhookApi}.
 */
@RegisterRestClient(configKey = "integrations-service")
@RegisterProvider(DownstreamResponseMapper.class)
@RegisterProvider(UserCredentialFilter.class)
public interface IntegrationsApi {

    @GET
    @Path("/git/connections")
    Uni<JsonNode> connections(@NotBody Caller.User user);

    @POST
    @Path("/git/connections")
    Uni<RestResponse<JsonNode>> connect(@NotBody Caller.User user, GitConnectionRequest request);

    @DELETE
    @Path("/git/connections/{id}")
    Uni<Void> disconnect(@NotBody Caller.User user, @PathParam("id") UUID id);

    @GET
    @Path("/git/user")
    Uni<JsonNode> user(@NotBody Caller.User user, @QueryParam("host") String host);

    @GET
    @Path("/git/repositories")
    Uni<JsonNode> repositories(@NotBody Caller.User user, @QueryParam("host") String host,
            @QueryParam("query") String query, @QueryParam("pageId") String pageId, @QueryParam("limit") Integer limit);

    @GET
    @Path("/resolver/configurations")
    Uni<JsonNode> resolverConfigurations(@NotBody Caller.User user, @QueryParam("allUsers") Boolean allUsers);

    @POST
    @Path("/resolver/configurations")
    Uni<JsonNode> createResolverConfiguration(@NotBody Caller.User user, ResolverConfigurationRequest request);

    @DELETE
    @Path("/resolver/configurations/{id}")
    Uni<Void> deleteResolverConfiguration(@NotBody Caller.User user, @PathParam("id") UUID id);

    @GET
    @Path("/git/branches")
    Uni<JsonNode> branches(@NotBody Caller.User user, @QueryParam("repository") String repository,
            @QueryParam("host") String host, @QueryParam("query") String query, @QueryParam("pageId") String pageId,
            @QueryParam("limit") Integer limit);
}
