package dev.gantry.worker.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.worker.messaging.NewEvent;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Replaces every value of a secret the sandbox was given by {@code <secret:NAME>}, in every text an event
 * carries (a terminal's output, a file view, an agent message, an error, a tool's arguments), before the
 * event is written: what is on Kafka, in the event-store and in the LLM's history never holds the value.
 * Matching is literal (a value's regex characters are plain characters); longer values are replaced first,
 * so a value containing another is masked whole. Values shorter than {@value #MIN_LENGTH} characters are not
 * masked: they would garble ordinary output and hide nothing.
 */
public final class SecretMasker {

    public static final int MIN_LENGTH = 4;
    private static final ObjectMapper JSON = GantryJson.mapper();
    private static final SecretMasker NONE = new SecretMasker(List.of());

    private record Secret(String name, String value) {
    }

    private final List<Secret> secrets;

    private SecretMasker(List<Secret> secrets) {
        this.secrets = secrets;
    }

    public static SecretMasker none() {
        return NONE;
    }

    /** @param values secret name to value */
    public static SecretMasker of(Map<String, String> values) {
        return new SecretMasker(values.entrySet().stream()
                .filter(e -> e.getValue() != null && e.getValue().length() >= MIN_LENGTH)
                .map(e -> new Secret(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt((Secret s) -> s.value().length()).reversed())
                .toList());
    }

    public String mask(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String masked = text;
        for (Secret secret : secrets) {
            masked = masked.replace(secret.value(), "<secret:" + secret.name() + ">");
        }
        return masked;
    }

    /** The event with every text in its payload masked; the same event when there was nothing to mask. */
    public NewEvent mask(NewEvent event) {
        if (secrets.isEmpty()) {
            return event;
        }
        JsonNode tree = JSON.valueToTree(event.payload());
        if (!maskTexts(tree)) {
            return event;
        }
        try {
            return new NewEvent(event.id(), event.source(), JSON.treeToValue(tree, event.payload().getClass()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a masked " + event.payload().kind() + " no longer reads back", e);
        }
    }

    public List<NewEvent> mask(List<NewEvent> events) {
        return secrets.isEmpty() ? events : events.stream().map(this::mask).toList();
    }

    /** Masks the texts in place; true when one changed. */
    private boolean maskTexts(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (field.getValue() instanceof TextNode text) {
                    String masked = mask(text.textValue());
                    if (!masked.equals(text.textValue())) {
                        field.setValue(TextNode.valueOf(masked));
                        changed = true;
                    }
                } else {
                    changed |= maskTexts(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) instanceof TextNode text) {
                    String masked = mask(text.textValue());
                    if (!masked.equals(text.textValue())) {
                        array.set(i, TextNode.valueOf(masked));
                        changed = true;
                    }
                } else {
                    changed |= maskTexts(array.get(i));
                }
            }
        }
        return changed;
    }
}
