package dev.gantry.gateway.client;

import dev.gantry.contracts.problem.Problem;
import dev.gantry.gateway.mapping.Problems;
import dev.gantry.gateway.mapping.RequestProblemException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * integrations-service's 401 for a webhook whose signature is missing or wrong is the provider's answer, passed on
 * as it is. Only that one: a 401 with the internal realm's challenge refused the gateway's own token, an outage
 * {@link DownstreamResponseMapper} leaves to the default mapper.
 */
public class WebhookRefusalMapper implements ResponseExceptionMapper<RequestProblemException> {

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        if (status != Response.Status.UNAUTHORIZED.getStatusCode()) {
            return false;
        }
        Object challenge = headers == null ? null : headers.getFirst(HttpHeaders.WWW_AUTHENTICATE);
        return challenge == null || !challenge.toString().contains("gantry-internal");
    }

    @Override
    public RequestProblemException toThrowable(Response response) {
        try {
            Problem problem = response.readEntity(Problem.class);
            if (problem != null && problem.status() == Response.Status.UNAUTHORIZED.getStatusCode()) {
                return new RequestProblemException(problem.withInstance(null));
            }
        } catch (RuntimeException unreadable) {
            // not a problem body
        }
        return new RequestProblemException(Problems.httpStatus(401, "Webhook signature refused",
                "the webhook's signature is missing or does not match the repository's secret"));
    }

    @Override
    public int getPriority() {
        return 100;
    }
}
