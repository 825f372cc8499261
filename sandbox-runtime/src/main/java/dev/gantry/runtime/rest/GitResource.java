package dev.gantry.runtime.rest;

import dev.gantry.contracts.problem.Problem;
import dev.gantry.runtime.git.CloneRequest;
import dev.gantry.runtime.git.CloneResult;
import dev.gantry.runtime.git.GitFailure;
import dev.gantry.runtime.git.RepositoryCloner;
import jakarta.ws.rs.Consumes;
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
 * timeout, workspace, failed) and a detail that never holds the token.
 */
@Path("/api/v1/git")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class GitResource {

    private final RepositoryCloner cloner;

    GitResource(RepositoryCloner cloner) {
        this.cloner = cloner;
    }

    @POST
    @Path("/clone")
    public CloneResult cloneRepository(CloneRequest request) {
        if (request == null) {
            throw ApiProblem.invalidField("body", "is required");
        }
        return cloner.cloneRepository(request.validate());
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
        String reason = failure.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        Problem problem = Problem.of("git-" + reason, "Git failed", 422, failure.getMessage())
                .withErrors(List.of(new Problem.FieldError("reason", reason)));
        return Response.status(422).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
