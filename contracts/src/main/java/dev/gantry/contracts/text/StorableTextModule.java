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

    /**
     * For writing what the platform records: every string, values and keys, is written
     * {@link StorableText#repaired repaired} instead of refused.
     */
    public static SimpleModule repairing() {
        SimpleModule module = new SimpleModule("gantry-repaired-text");
        module.addSerializer(String.class, new RepairedStrings());
        module.addKeySerializer(String.class, new RepairedKeys());
        return module;
    }

    /**
     * For reading what the platform records (events from its own topics): every string, values and keys, is
     * read {@link StorableText#repaired repaired} instead of refused, so one bad character in a command's
     * output is kept as U+FFFD rather than losing the event.
     */
    public static SimpleModule repairingReads() {
        SimpleModule module = new SimpleModule("gantry-repaired-reads");
        module.addDeserializer(String.class, new StdScalarDeserializer<String>(String.class) {
            @Override
            public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return StorableText.repaired(StringDeserializer.instance.deserialize(parser, context));
            }
        });
        module.addKeyDeserializer(String.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext context) {
                return StorableText.repaired(key);
            }
        });
        return module;
    }

    private static final class RepairedStrings extends com.fasterxml.jackson.databind.ser.std.StdScalarSerializer<String> {

        RepairedStrings() {
            super(String.class);
        }

        @Override
        public void serialize(String value, com.fasterxml.jackson.core.JsonGenerator generator,
                com.fasterxml.jackson.databind.SerializerProvider provider) throws IOException {
            generator.writeString(StorableText.repaired(value));
        }
    }

    private static final class RepairedKeys extends com.fasterxml.jackson.databind.ser.std.StdSerializer<String> {

        RepairedKeys() {
            super(String.class);
        }

        @Override
        public void serialize(String value, com.fasterxml.jackson.core.JsonGenerator generator,
                com.fasterxml.jackson.databind.SerializerProvider provider) throws IOException {
            generator.writeFieldName(StorableText.repaired(value));
        }
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
