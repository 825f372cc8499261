package dev.gantry.integrations.git;

import dev.gantry.integrations.client.GitStoreApi;
import dev.gantry.integrations.git.provider.BranchSummary;
import dev.gantry.integrations.git.provider.GitIdentity;
import dev.gantry.integrations.git.provider.RepositorySummary;
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

/**
 * The user's git connections and what they show (docs/INTERNAL-API.md): the routes the gateway calls for a user,
 * with its signed user token. Provider calls block on worker threads. Webhooks, which no user sends, are
 * {@code webhooks.WebhookResource}'s.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class GitProviderResource {

    private static final int DEFAULT_LIMIT = 30;
    private static final int MAX_LIMIT = 100;

    private final GitConnections connections;
    private final GitBrowser browser;
    private final CurrentCaller caller;

    GitProviderResource(GitConnections connections, GitBrowser browser, CurrentCaller caller) {
        this.connections = connections;
        this.browser = browser;
        this.caller = caller;
    }

    @GET
    @Path("/git/connections")
    @CalledBy(users = true)
    public List<GitStoreApi.Connection> connections() {
        return connections.list(caller.userId());
    }

    /** Checks the token with the provider, then creates (201) or replaces (200) the connection to that host. */
    @POST
    @Path("/git/connections")
    @CalledBy(users = true)
    public Response connect(ConnectionRequest request) {
        var saved = connections.save(caller.userId(), request);
        return Response.status(saved.getStatus()).entity(saved.getEntity()).build();
    }

    @DELETE
    @Path("/git/connections/{id}")
    @CalledBy(users = true)
    public Response disconnect(@PathParam("id") UUID id) {
        connections.delete(caller.userId(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/git/user")
    @CalledBy(users = true)
    public GitIdentity user(@QueryParam("host") String host) {
        return browser.identity(caller.userId(), host);
    }

    @GET
    @Path("/git/repositories")
    @CalledBy(users = true)
    public GitPage<RepositorySummary> repositories(@QueryParam("host") String host, @QueryParam("query") String query,
            @QueryParam("pageId") String pageId, @QueryParam("limit") Integer limit) {
        return browser.repositories(caller.userId(), host, query, pageId, limit(limit));
    }

    @GET
    @Path("/git/branches")
    @CalledBy(users = true)
    public GitPage<BranchSummary> branches(@QueryParam("repository") String repository, @QueryParam("host") String host,
            @QueryParam("query") String query, @QueryParam("pageId") String pageId, @QueryParam("limit") Integer limit) {
        return browser.branches(caller.userId(), host, repository, query, pageId, limit(limit));
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw GitRequestException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
