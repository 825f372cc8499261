package dev.gantry.gateway.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.gantry.contracts.text.StorableText;
import dev.gantry.contracts.text.StorableTextModule;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.math.BigDecimal;

/**
 * The JSON mapping of the public API: Quarkus' own mapper, made strict for what clients send, so that a
 * mistake is refused naming the field instead of turning into a silent default. Refused: a field the
 * request does not have (a misspelt {@code maxIteration} would otherwise leave the setting unchanged), a
 * number or boolean where text is expected, text where a number or boolean is, a fraction where an
 * integer is (it would be cut), an enum by its position, anything after the JSON document, and text that
 * cannot be stored ({@link StorableText}: a NUL, an unpaired surrogate), in values and keys alike.
 *
 * <p>The server side only: the answers of the services the gateway calls are read with the lenient
 * default, so a service may add a field before the gateway knows it. Amounts the API writes as text (a
 * budget) are read from text too.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class StrictRequestJson implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    StrictRequestJson(ObjectMapper mapper) {
        this.strict = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .registerModule(new StorableTextModule());
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            strict.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        strict.coercionConfigFor(BigDecimal.class).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
