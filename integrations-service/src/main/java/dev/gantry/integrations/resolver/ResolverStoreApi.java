package dev.gantry.integrations.resolver;

import dev.gantry.platform.auth.ServiceCredentialFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * conversation-service's internal resolver routes (docs/INTERNAL-API.md): the configurations, and the conversations
 * deliveries started, each delivery at most once. Called with this service's own token.
 */
@RegisterRestClient(configKey = "conversation-service")
@RegisterProvider(ServiceCredentialFilter.class)
@Path("/internal/resolver")
public interface ResolverStoreApi {

    @GET
    @Path("/configurations")
    Uni<List<Configuration>> list(@QueryParam("userId") String userId);

    @GET
    @Path("/configurations/{id}")
    Uni<Configuration> get(@PathParam("id") UUID id);

    @GET
    @Path("/repositories")
    Uni<Configuration> forRepository(@QueryParam("provider") String provider, @QueryParam("host") String host,
            @QueryParam("repository") String repository);

    @POST
    @Path("/configurations")
    Uni<Configuration> create(Configuration configuration);

    @DELETE
    @Path("/configurations/{id}")
    Uni<Void> delete(@PathParam("id") UUID id);

    @POST
    @Path("/deliveries/{provider}/conversation")
    Uni<RestResponse<Job>> start(@PathParam("provider") String provider, Start start);

    @GET
    @Path("/jobs/{conversationId}")
    Uni<Job> job(@PathParam("conversationId") UUID conversationId);

    @PATCH
    @Path("/jobs/{conversationId}")
    Uni<Job> update(@PathParam("conversationId") UUID conversationId, JobUpdate update);

    /** A repository whose webhooks start conversations as {@code userId}; the secret is named, never held. */
    record Configuration(UUID id, String userId, String provider, String host, String repository,
            String webhookSecretName, String label, String mention, String createdBy, Instant createdAt) {
    }

    record Start(UUID configurationId, String deliveryId, long itemNumber, boolean pullRequest, String title,
            String initialMessage, String branch) {
    }

    record Job(UUID conversationId, String provider, String deliveryId, UUID configurationId, String userId,
            String host, String repository, long itemNumber, boolean pullRequest, boolean startCommentPosted,
            boolean closingCommentPosted, Instant createdAt) {
    }

    record JobUpdate(Boolean startCommentPosted, Boolean closingCommentPosted) {
    }
}
