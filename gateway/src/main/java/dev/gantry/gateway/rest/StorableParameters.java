package dev.gantry.gateway.rest;

import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.contracts.text.StorableText;
import dev.gantry.gateway.mapping.Problems;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Query and path parameters must be text the platform can store ({@link StorableText}): a decoded {@code %00}
 * in {@code titleContains} or a path segment is a 400 naming the parameter, never a database failure behind
 * the gateway (whose circuit breaker every user shares).
 */
class StorableParameters {

    @ServerRequestFilter
    Response check(ContainerRequestContext request) {
        List<FieldError> errors = new ArrayList<>();
        collect(request.getUriInfo().getPathParameters(), errors);
        collect(request.getUriInfo().getQueryParameters(), errors);
        if (errors.isEmpty()) {
            return null;
        }
        return ProblemResponses.of(Problems.invalid(errors), request.getUriInfo().getPath());
    }

    private static void collect(MultivaluedMap<String, String> parameters, List<FieldError> errors) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            StorableText.problem(parameter.getKey()).ifPresent(reason -> errors.add(new FieldError("parameter name",
                    reason)));
            for (String value : parameter.getValue()) {
                StorableText.problem(value).ifPresent(reason -> errors.add(new FieldError(parameter.getKey(), reason)));
            }
        }
    }
}
