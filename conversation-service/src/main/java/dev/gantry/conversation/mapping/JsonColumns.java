package dev.gantry.conversation.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** Lists and maps kept as JSON text in one column: the service only ever reads and writes them whole. */
@ApplicationScoped
public class JsonColumns {

    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final ObjectMapper json;

    JsonColumns(ObjectMapper json) {
        this.json = json;
    }

    public String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list or map of strings did not serialize", e);
        }
    }

    public List<String> readList(String column) {
        return read(column, STRING_LIST);
    }

    public Map<String, String> readMap(String column) {
        return read(column, STRING_MAP);
    }

    private <T> T read(String column, TypeReference<T> type) {
        if (column == null) {
            return null;
        }
        try {
            return json.readValue(column, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON column written by this service does not read back", e);
        }
    }
}
