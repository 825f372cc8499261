package dev.gantry.worker.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Reads a tool call's arguments, failing with a message the LLM can act on. */
final class Arguments {

    private final String tool;
    private final JsonNode arguments;

    Arguments(String tool, JsonNode arguments) {
        this.tool = tool;
        this.arguments = arguments;
    }

    String requiredText(String name) {
        return optionalText(name).orElseThrow(() -> new ToolArgumentException(
                "the " + tool + " tool needs the argument '" + name + "' (a string)"));
    }

    Optional<String> optionalText(String name) {
        JsonNode value = arguments.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new ToolArgumentException("the argument '" + name + "' of " + tool + " must be a string");
        }
        return Optional.of(value.asText());
    }

    Optional<Boolean> optionalBoolean(String name) {
        JsonNode value = arguments.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isBoolean()) {
            return Optional.of(value.asBoolean());
        }
        if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
            return Optional.of(Boolean.parseBoolean(value.asText()));
        }
        throw new ToolArgumentException("the argument '" + name + "' of " + tool + " must be true or false");
    }

    Optional<Double> optionalNumber(String name) {
        JsonNode value = arguments.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return Optional.of(value.asDouble());
        }
        try {
            return Optional.of(Double.parseDouble(value.asText()));
        } catch (NumberFormatException e) {
            throw new ToolArgumentException("the argument '" + name + "' of " + tool + " must be a number");
        }
    }

    Optional<Integer> optionalInteger(String name) {
        return optionalNumber(name).map(Double::intValue);
    }

    Optional<JsonNode> optionalArray(String name) {
        JsonNode value = arguments.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw new ToolArgumentException("the argument '" + name + "' of " + tool + " must be an array");
        }
        return Optional.of(value);
    }
}
