package dev.gantry.integrations.git;

import dev.gantry.platform.auth.CalledBy;
import dev.gantry.platform.auth.ServiceNames;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** The agent's {@code create_pull_request}, which the agent-worker calls with its own token for the conversation it runs. */
@Path("/internal/conversations/{id}/pull-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class InternalPullRequestResource {

    private final PullRequests pullRequests;

    InternalPullRequestResource(PullRequests pullRequests) {
        this.pullRequests = pullRequests;
    }

    @POST
    @CalledBy(services = ServiceNames.AGENT_WORKER)
    public Response open(@PathParam("id") UUID conversationId, PullRequestRequest request) {
        return Response.status(Response.Status.CREATED).entity(pullRequests.open(conversationId, request)).build();
    }
}
