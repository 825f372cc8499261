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

    @ServerExceptionMapper
    public Response providerFailed(GitProviderException e) {
        Problem problem = Problem.of("git-provider-unavailable", "Git provider unavailable", 502, e.getMessage());
        return Response.status(502).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
