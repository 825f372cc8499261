package dev.gantry.integrations.resolver;

import dev.gantry.contracts.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Resolver and webhook refusals as problem+json. */
public class ResolverProblemMapper {

    @ServerExceptionMapper
    public Response refused(ResolverRequestException e) {
        return Response.status(e.problem().status()).type(Problem.MEDIA_TYPE).entity(e.problem()).build();
    }
}
