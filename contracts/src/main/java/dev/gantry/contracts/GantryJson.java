package dev.gantry.contracts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON mapping of the wire records for code that does not get Quarkus' ObjectMapper
 * (tools, plain tests). It is configured like Quarkus' default mapper, so both write the same bytes:
 * ISO-8601 instants, unknown properties ignored so a producer may add a field before its consumers.
 */
public final class GantryJson {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

    private GantryJson() {
    }

    /** A shared, thread-safe mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Applies Gantry's wire settings to a mapper someone else built. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
