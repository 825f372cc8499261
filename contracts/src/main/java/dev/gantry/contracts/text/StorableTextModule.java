package dev.gantry.contracts.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Jackson: every string read from a request body, values and object keys alike, must be
 * {@link StorableText storable}; otherwise the read fails with an {@link InvalidFormatException} at that
 * field, whose cause (an {@link IllegalArgumentException}) says why. For the mappers that read what clients
 * send, not for reading the platform's own records.
 */
public class StorableTextModule extends SimpleModule {

    public StorableTextModule() {
        super("gantry-storable-text");
        addDeserializer(String.class, new StorableStrings());
        addKeyDeserializer(String.class, new StorableKeys());
    }

    private static final class StorableStrings extends StdScalarDeserializer<String> {

        StorableStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return checked(StringDeserializer.instance.deserialize(parser, context), parser);
        }
    }

    private static final class StorableKeys extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            return checked(key, context.getParser());
        }
    }

    private static String checked(String text, JsonParser parser) throws InvalidFormatException {
        var problem = StorableText.problem(text);
        if (problem.isEmpty()) {
            return text;
        }
        InvalidFormatException refused = new InvalidFormatException(parser, problem.get(), null, String.class);
        refused.initCause(new IllegalArgumentException(problem.get()));
        throw refused;
    }
}
