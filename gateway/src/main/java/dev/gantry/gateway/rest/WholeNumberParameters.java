package dev.gantry.gateway.rest;

import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.gateway.mapping.Problems;
import dev.gantry.gateway.mapping.RequestProblemException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Function;

/**
 * Whole-number parameters ({@code limit}, {@code afterSeq}): a value that is not one, or is out of the type's
 * range ({@code limit=99999999999}), is a 400 naming the parameter. JAX-RS would answer a query parameter it
 * cannot convert with 404, as if the route did not exist.
 */
@Provider
public class WholeNumberParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) new Converter<>(nameOf(annotations), Integer::valueOf,
                    "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) new Converter<>(nameOf(annotations), Long::valueOf,
                    "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
        }
        return null;
    }

    private static String nameOf(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof PathParam path) {
                return path.value();
            }
            if (annotation instanceof HeaderParam header) {
                return header.value();
            }
        }
        return "parameter";
    }

    private record Converter<N extends Number>(String name, Function<String, N> parse, String expected)
            implements ParamConverter<N> {

        @Override
        public N fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value.strip());
            } catch (NumberFormatException notAWholeNumber) {
                RequestProblemException problem = new RequestProblemException(Problems.invalid(
                        List.of(new FieldError(name, "must be " + expected))));
                throw new WebApplicationException(problem, Response.Status.BAD_REQUEST);
            }
        }

        @Override
        public String toString(N value) {
            return value == null ? null : value.toString();
        }
    }
}
