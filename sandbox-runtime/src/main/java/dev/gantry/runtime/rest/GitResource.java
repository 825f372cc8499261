package dev.gantry.runtime.rest;

import dev.gantry.contracts.GantryHeaders;
import dev.gantry.contracts.problem.Problem;
import dev.gantry.runtime.git.CloneRequest;
import dev.gantry.runtime.git.GitFailure;
import dev.gantry.runtime.git.RepositoryCloner;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code POST /api/v1/git/clone}: clones the conversation's repository into the workspace;
 * {@code PUT /api/v1/git/credentials}: gives git the token again (a runtime started again forgot it). A failed
 * clone answers 422 problem+json with its {@code reason} (authentication, not-found, branch-not-found, network,
 * timeout, workspace, failed) and a detail that never holds the token. A clone naming its action id
 * ({@link ActionRequests}) is done once: a repeat gets the first answer, not a second clone.
 */
@Path("/api/v1/git")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class GitResource {

    private final RepositoryCloner cloner;
    private final ActionRequests actions;

    GitResource(RepositoryCloner cloner, ActionRequests actions) {
        this.cloner = cloner;
        this.actions = actions;
    }

    @POST
    @Path("/clone")
    public Response cloneRepository(@HeaderParam(GantryHeaders.ACTION_ID) String actionId, CloneRequest request) {
        if (request == null) {
            throw ApiProblem.invalidField("body", "is required");
        }
        CloneRequest valid = request.validate();
        // the token is no part of what identifies the clone, and never reaches the journal
        CloneRequest identity = new CloneRequest(valid.url(), valid.username(), null, valid.branch(), valid.depth(),
                valid.timeoutSeconds(), valid.authorName(), valid.authorEmail());
        return actions.answer(actionId, "git-clone", identity, () -> cloner.cloneRepository(valid),
                e -> e instanceof GitFailure failure ? problem(failure) : null);
    }

    @PUT
    @Path("/credentials")
    public void credentials(CloneRequest request) {
        if (request == null || request.token() == null) {
            throw ApiProblem.invalidField("token", "is required");
        }
        CloneRequest valid = request.validate();
        cloner.supply(valid.url(), valid.username(), valid.token());
    }

    @ServerExceptionMapper
    public Response failed(GitFailure failure) {
        return Response.status(422).type(Problem.MEDIA_TYPE).entity(problem(failure)).build();
    }

    private static Problem problem(GitFailure failure) {
        String reason = failure.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return Problem.of("git-" + reason, "Git failed", 422, failure.getMessage())
                .withErrors(List.of(new Problem.FieldError("reason", reason)));
    }
}
