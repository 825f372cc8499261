package dev.gantry.conversation.resolver;

import dev.gantry.conversation.rest.CompletesWithoutTheCaller;
import dev.gantry.conversation.service.Written;
import dev.gantry.platform.auth.CalledBy;
import dev.gantry.platform.auth.ServiceNames;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The resolver's records, for the integrations-service alone (docs/INTERNAL-API.md): it checks who asks for what
 * (users reach configurations through its {@code /resolver/configurations}) and reads the webhooks.
 */
@CompletesWithoutTheCaller
@Path("/internal/resolver")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalResolverResource {

    private final ResolverStore store;

    InternalResolverResource(ResolverStore store) {
        this.store = store;
    }

    /** A user's configurations, or every user's without {@code userId}. */
    @GET
    @Path("/configurations")
    @CalledBy(services = ServiceNames.INTEGRATIONS_SERVICE)
    public Uni<List<ResolverConfiguration>> list(@QueryParam("userId") String userId) {
        return store.list(userId);
    }

    @GET
    @Path("/configurations/{id}")
    @CalledBy(services = ServiceNames.INTEGRATIONS_SERVICE)
    public Uni<ResolverConfiguration> get(@PathParam("id") UUID id) {
        return store.get(id);
    }

    /** The configuration of a repository (404 when it has none). */
    @GET
    @Path("/repositories")
    @CalledBy(services = ServiceNames.INTEGRATIONS_SERVICE)
    public Uni<ResolverConfiguration> forRepository(@QueryParam("provider") String provider,
            @QueryParam("host") String host, @QueryParam("repository") String repository) {
        return store.forRepository(provider, host, repository);
    }

    @POST
    @Path("/configurations")
    @CalledBy(services = ServiceNames.INTEGRATIONS_SERVICE)
    @ResponseStatus(RestResponse.StatusCode.CREATED)
    public Uni<ResolverConfiguration> create(@NotNull ResolverConfiguration configuration) {
        return store.create(configuration);
    }

    @DELETE
    @Path("/configurations/{id}")
    @CalledBy(services = ServiceNames.INTEGRATIONS_SERVICE)
    @ResponseStatus(RestResponse.StatusCode.NO_CONTENT)
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return store.delete(id);
    }

    /** 201 with the job of a new conversation; 200 with the one a delivery of that id started before. */
    @POST
    @Path("/deliveries/{provider}/conversation")
    @CalledBy(services = ServiceNames.INTEGRATIONS_SERVICE)
    public Uni<RestResponse<ResolverJob>> start(@PathParam("provider") String provider, @NotNull ResolverStart start) {
        return store.start(provider, start).map(InternalResolverResource::answer);
    }

    @GET
    @Path("/jobs/{conversationId}")
    @CalledBy(services = ServiceNames.INTEGRATIONS_SERVICE)
    public Uni<ResolverJob> job(@PathParam("conversationId") UUID conversationId) {
        return store.job(conversationId);
    }

    @PATCH
    @Path("/jobs/{conversationId}")
    @CalledBy(services = ServiceNames.INTEGRATIONS_SERVICE)
    public Uni<ResolverJob> update(@PathParam("conversationId") UUID conversationId, @NotNull ResolverJobUpdate update) {
        return store.update(conversationId, update);
    }

    private static RestResponse<ResolverJob> answer(Written<ResolverJob> written) {
        return written.created() ? RestResponse.status(RestResponse.Status.CREATED, written.value())
                : RestResponse.ok(written.value());
    }
}
