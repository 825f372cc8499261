package dev.gantry.gateway.rest;

import dev.gantry.gateway.config.GatewayConfig;
import dev.gantry.gateway.mapping.Problems;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers 413 before reading a body whose declared length is over the limit. A body sent without a
 * length is cut by the HTTP layer's own, higher limit ({@code quarkus.http.limits.max-body-size}).
 */
class BodyLimitFilter {

    private final long maxBytes;

    BodyLimitFilter(GatewayConfig config) {
        this.maxBytes = config.maxBodySize().asLongValue();
    }

    @ServerRequestFilter(preMatching = true)
    Response limit(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        try {
            if (Long.parseLong(length.trim()) <= maxBytes) {
                return null;
            }
        } catch (NumberFormatException malformed) {
            return ProblemResponses.of(Problems.httpStatus(Response.Status.BAD_REQUEST.getStatusCode(), "Bad Request", "Content-Length is not a number"),
                    request.path());
        }
        return ProblemResponses.of(Problems.payloadTooLarge(maxBytes), request.path());
    }
}
