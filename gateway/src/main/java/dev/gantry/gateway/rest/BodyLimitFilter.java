package dev.gantry.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.problem.Problem;
import dev.gantry.gateway.config.GatewayConfig;
import dev.gantry.gateway.mapping.Problems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

/**
 * The body limit ({@code gantry.gateway.max-body-size}). A request that declares a longer body is answered
 * 413 problem+json before any of it is read, by a router filter that runs ahead of the HTTP layer's own check.
 * A body sent without a length (in chunks, or HTTP/2 frames) is cut by the HTTP layer at the same size
 * ({@code quarkus.http.limits.max-body-size}, set to this limit): 413, and the rest is not read.
 */
@ApplicationScoped
class BodyLimitFilter {

    /** Ahead of authentication and the REST layer. */
    private static final int PRIORITY = 1_000;

    private final long maxBytes;

    BodyLimitFilter(GatewayConfig config) {
        this.maxBytes = config.maxBodySize().asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::limit, PRIORITY);
    }

    void limit(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            context.next();
            return;
        }
        Problem refused;
        try {
            if (Long.parseLong(length.trim()) <= maxBytes) {
                context.next();
                return;
            }
            refused = Problems.payloadTooLarge(maxBytes);
        } catch (NumberFormatException malformed) {
            refused = Problems.httpStatus(Response.Status.BAD_REQUEST.getStatusCode(), "Bad Request",
                    "Content-Length is not a number");
        }
        byte[] body;
        try {
            body = GantryJson.mapper().writeValueAsBytes(refused.withInstance(context.request().path()));
        } catch (JsonProcessingException e) {
            context.fail(e);
            return;
        }
        context.response().setStatusCode(refused.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (context.request().version() != HttpVersion.HTTP_2) {
            // the unread body is not drained: the connection ends with this answer
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        context.response().end(Buffer.buffer(body));
    }
}
