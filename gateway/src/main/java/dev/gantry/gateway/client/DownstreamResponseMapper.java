package dev.gantry.gateway.client;

import dev.gantry.contracts.problem.Problem;
import dev.gantry.gateway.mapping.Problems;
import dev.gantry.gateway.mapping.RequestProblemException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns a downstream 4xx (and 501) into the problem the client gets, keeping the downstream problem (its
 * type and the fields it names) when there is one. A 401 from downstream is not the user's fault (the
 * gateway sent the identity), so it is left to the default mapper and counts as an outage, like a 502, 503
 * or 504. A 500 is the service failing on this one request: the client gets a 502 problem, and it is not
 * retried nor counted toward the circuit breaker, which every user shares, so one user's request that makes
 * a service fail can never shut a route for the others.
 */
public class DownstreamResponseMapper implements ResponseExceptionMapper<RequestProblemException> {

    private static final int CLIENT_ERROR_MIN = 400;
    private static final int CLIENT_ERROR_MAX = 499;

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        // 501: a route the service does not have in this version, which is an answer, not an outage
        return status >= CLIENT_ERROR_MIN && status <= CLIENT_ERROR_MAX
                && status != Response.Status.UNAUTHORIZED.getStatusCode()
                || status == Response.Status.NOT_IMPLEMENTED.getStatusCode()
                || status == Response.Status.INTERNAL_SERVER_ERROR.getStatusCode();
    }

    @Override
    public RequestProblemException toThrowable(Response response) {
        return new RequestProblemException(problemOf(response));
    }

    private static Problem problemOf(Response response) {
        int status = response.getStatus();
        if (status == Response.Status.INTERNAL_SERVER_ERROR.getStatusCode()) {
            return Problems.httpStatus(Response.Status.BAD_GATEWAY.getStatusCode(), "Bad Gateway",
                    "a platform service failed on this request");
        }
        try {
            Problem problem = response.readEntity(Problem.class);
            if (problem != null && problem.status() == status) {
                return problem.withInstance(null);
            }
        } catch (RuntimeException unreadable) {
            // not a problem+json body: describe the status instead
        }
        if (status == Response.Status.NOT_FOUND.getStatusCode()) {
            return Problems.notFound("the resource");
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Request rejected" : type.getReasonPhrase();
        return Problems.httpStatus(status, title, "a platform service rejected the request");
    }
}
