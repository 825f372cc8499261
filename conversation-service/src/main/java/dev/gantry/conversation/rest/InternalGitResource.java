package dev.gantry.conversation.rest;

import dev.gantry.conversation.rest.dto.GitConnection;
import dev.gantry.conversation.rest.dto.SecretValue;
import dev.gantry.conversation.service.GitConnectionService;
import dev.gantry.conversation.service.SecretService;
import dev.gantry.platform.auth.CalledBy;
import dev.gantry.platform.auth.ServiceNames;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A user's git connections, for the integrations-service, which checks a token with its provider before it stores
 * a connection. Never a user: users reach connections through the integrations-service's {@code /git/connections}.
 * What a conversation's repository is cloned with is on {@link InternalConversationResource}.
 */
@CompletesWithoutTheCaller
@Path("/internal/users/{userId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalGitResource {

    private final GitConnectionService connections;
    private final SecretService secrets;

    InternalGitResource(GitConnectionService connections, SecretService secrets) {
        this.connections = connections;
        this.secrets = secrets;
    }

    @GET
    @Path("/git-connections")
    @CalledBy(services = ServiceNames.INTEGRATIONS_SERVICE)
    public Uni<List<GitConnection>> list(@PathParam("userId") String userId) {
        return connections.list(userId);
    }

    /** Creates (201) or replaces (200) the user's connection to the host of the body. */
    @PUT
    @Path("/git-connections")
    @CalledBy(services = ServiceNames.INTEGRATIONS_SERVICE)
    public Uni<RestResponse<GitConnection>> upsert(@PathParam("userId") String userId, @NotNull GitConnection connection) {
        return connections.upsert(userId, connection).map(CreatedOrReplaced::answer);
    }

    @DELETE
    @Path("/git-connections/{id}")
    @CalledBy(services = ServiceNames.INTEGRATIONS_SERVICE)
    @ResponseStatus(RestResponse.StatusCode.NO_CONTENT)
    public Uni<Void> delete(@PathParam("userId") String userId, @PathParam("id") UUID id) {
        return connections.delete(userId, id);
    }

    /** The token a connection is about to name, which the integrations-service checks with the provider first. */
    @GET
    @Path("/secrets/{name}")
    @CalledBy(services = ServiceNames.INTEGRATIONS_SERVICE)
    public Uni<SecretValue> secret(@PathParam("userId") String userId, @PathParam("name") String name) {
        return secrets.resolveForUser(userId, name);
    }
}
