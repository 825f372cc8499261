package dev.gantry.integrations.git;

import dev.gantry.contracts.problem.Problem;
import dev.gantry.integrations.git.provider.GitProviderException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Git refusals as problem+json: the caller's mistakes as 4xx naming the field, a provider that fails as 502. */
public class GitProblemMappers {

    @ServerExceptionMapper
    public Response refused(GitRequestException e) {
        return Response.status(e.problem().status()).type(Problem.MEDIA_TYPE).entity(e.problem()).build();
    }

    /** conversation-service answered what the route did not expect: a dependency failed, not the caller. */
    @ServerExceptionMapper
    public Response storeFailed(jakarta.ws.rs.WebApplicationException e) {
        if (e.getResponse() != null && e.getResponse().getStatus() < 500 && !(e instanceof org.jboss.resteasy.reactive.ClientWebApplicationException)) {
            return e.getResponse();
        }
        Problem problem = Problem.of("conversation-service-failed", "Dependency failed", 502,
                "conversation-service answered " + (e.getResponse() == null ? "nothing" : e.getResponse().getStatus()));
        return Response.status(502).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response providerFailed(GitProviderException e) {
        Problem problem = Problem.of("git-provider-unavailable", "Git provider unavailable", 502, e.getMessage());
        return Response.status(502).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
