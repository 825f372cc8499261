package dev.gantry.gateway.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** What a client got wrong in a JSON body, said in the API's terms rather than in Java's. */
final class JsonMistakes {

    private static final Set<Class<?>> INTEGERS = Set.of(int.class, long.class, short.class, byte.class,
            Integer.class, Long.class, Short.class, Byte.class, BigInteger.class);
    /** How Jackson says that a valid document is followed by more. */
    private static final String TRAILING = "Trailing token";
    /** How Jackson says that a value is of another kind than its field (other mismatches keep its words). */
    private static final List<String> WRONG_KIND = List.of("Cannot deserialize value of type", "Cannot coerce");

    private JsonMistakes() {
    }

    static String reason(JsonMappingException e) {
        if (e.getCause() instanceof IllegalArgumentException invalid) {
            return invalid.getMessage();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String fields = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", "));
            return "is not a field of this request" + (fields.isEmpty() ? "" : "; its fields are " + fields);
        }
        String message = String.valueOf(e.getOriginalMessage());
        if (e.getPath().isEmpty() && message.startsWith(TRAILING)) {
            return "has more after its JSON document";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && (e instanceof InvalidFormatException || WRONG_KIND.stream().anyMatch(message::startsWith))) {
            return "must be " + expected(mismatch.getTargetType());
        }
        return e.getOriginalMessage();
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(JsonMistakes::jsonName)
                    .collect(Collectors.joining(", "));
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (INTEGERS.contains(type)) {
            return "an integer";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date-time";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.") ? "an object"
                : "a " + type.getSimpleName();
    }

    /** The constant as the API writes it: its {@code @JsonProperty} name, else its own. */
    private static String jsonName(Object constant) {
        Enum<?> value = (Enum<?>) constant;
        try {
            JsonProperty property = value.getDeclaringClass().getField(value.name()).getAnnotation(JsonProperty.class);
            return property == null || property.value().isEmpty() ? value.name() : property.value();
        } catch (NoSuchFieldException e) {
            return value.name();
        }
    }
}
