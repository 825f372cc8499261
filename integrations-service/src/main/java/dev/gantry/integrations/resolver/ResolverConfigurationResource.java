package dev.gantry.integrations.resolver;

import dev.gantry.integrations.resolver.ResolverStoreApi.Configuration;
import dev.gantry.platform.auth.CalledBy;
import dev.gantry.platform.auth.CurrentCaller;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** The resolver's configurations, for users through the gateway (docs/INTERNAL-API.md). */
@Path("/resolver/configurations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class ResolverConfigurationResource {

    private final ResolverConfigurations configurations;
    private final CurrentCaller caller;

    ResolverConfigurationResource(ResolverConfigurations configurations, CurrentCaller caller) {
        this.configurations = configurations;
        this.caller = caller;
    }

    @GET
    @CalledBy(users = true)
    public List<Configuration> list(@QueryParam("allUsers") boolean allUsers) {
        return configurations.list(caller.user(), allUsers);
    }

    @POST
    @CalledBy(users = true)
    public Response create(ConfigurationRequest request) {
        return Response.status(Response.Status.CREATED).entity(configurations.create(caller.user(), request)).build();
    }

    @DELETE
    @Path("/{id}")
    @CalledBy(users = true)
    public Response delete(@PathParam("id") UUID id) {
        configurations.delete(caller.user(), id);
        return Response.noContent().build();
    }
}
