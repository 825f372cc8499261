package dev.gantry.runtime.security;

import dev.gantry.contracts.GantryHeaders;
import dev.gantry.contracts.problem.Problem;
import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.runtime.config.RuntimeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Lets a request through only with the sandbox's session key in {@value GantryHeaders#SESSION_API_KEY};
 * {@code /alive} is open so the sandbox-manager can probe readiness. Runs before routing, so unknown paths
 * reveal nothing either.
 */
@ApplicationScoped
public class SessionKeyFilter {

    private static final String OPEN_PATH = "/alive";

    private final byte[] expectedDigest;

    SessionKeyFilter(RuntimeConfig config) {
        this.expectedDigest = digest(config.sessionApiKey());
    }

    @ServerRequestFilter(preMatching = true)
    public Response requireSessionKey(ContainerRequestContext request) {
        if (OPEN_PATH.equals(request.getUriInfo().getPath())) {
            return null;
        }
        String presented = request.getHeaderString(GantryHeaders.SESSION_API_KEY);
        // digests have one length, so the comparison time says nothing about the key's length or prefix
        if (presented != null && MessageDigest.isEqual(expectedDigest, digest(presented))) {
            return null;
        }
        String reason = presented == null ? "is missing" : "does not match this sandbox's session key";
        Problem problem = Problem.of("unauthorized", "Unauthorized", 401,
                        GantryHeaders.SESSION_API_KEY + " " + reason)
                .withInstance(request.getUriInfo().getPath())
                .withErrors(List.of(new FieldError(GantryHeaders.SESSION_API_KEY, reason)));
        return Response.status(401).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
