package dev.gantry.integrations.client;

import dev.gantry.contracts.git.GitProvider;
import dev.gantry.platform.auth.ServiceCredentialFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * conversation-service's internal git routes (docs/INTERNAL-API.md): where the users' git connections are kept,
 * the token a connection names, and the pull requests a conversation opened. Called with this service's own token.
 */
@RegisterRestClient(configKey = "conversation-service")
@RegisterProvider(ServiceCredentialFilter.class)
@Path("/internal")
public interface GitStoreApi {

    @GET
    @Path("/users/{userId}/git-connections")
    Uni<List<Connection>> connections(@PathParam("userId") String userId);

    @PUT
    @Path("/users/{userId}/git-connections")
    Uni<org.jboss.resteasy.reactive.RestResponse<Connection>> save(@PathParam("userId") String userId, Connection connection);

    @DELETE
    @Path("/users/{userId}/git-connections/{id}")
    Uni<Void> delete(@PathParam("userId") String userId, @PathParam("id") UUID id);

    @GET
    @Path("/users/{userId}/secrets/{name}")
    Uni<ConversationServiceApi.Secret> secret(@PathParam("userId") String userId, @PathParam("name") String name);

    @GET
    @Path("/conversations/{id}/git/credentials")
    Uni<Credentials> credentials(@PathParam("id") UUID conversationId);

    @POST
    @Path("/conversations/{id}/pull-requests")
    Uni<PullRequest> recordPullRequest(@PathParam("id") UUID conversationId, PullRequest pullRequest);

    /** A stored connection: the token stays in the user's secret {@code tokenSecretName}. */
    record Connection(UUID id, GitProvider provider, String host, String apiUrl, String gitUrl, String tokenSecretName,
            String login, String name, String email, Instant createdAt, Instant updatedAt) {
    }

    /** What a conversation's repository is reached with; {@link #toString()} hides the token. */
    record Credentials(GitProvider provider, String host, String repository, String branch, String apiUrl,
            String cloneUrl, String username, String token) {
        @Override
        public String toString() {
            return "Credentials[" + provider + " " + host + "/" + repository + "]";
        }
    }

    record PullRequest(String url, long number, String sourceBranch, String targetBranch, boolean draft, Instant createdAt) {
    }
}
