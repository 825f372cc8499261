package dev.gantry.worker.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;
import java.io.IOException;

/**
 * What an LLM endpoint's error answer may put in an event: its status and, when the body has the error
 * shape of OpenAI, Anthropic and Gemini ({@code {"error": {"message": ...}}}), that message, cut short and without control
 * characters. Any other body is dropped: an endpoint the user named may be something other than an LLM,
 * and its answer is not the user's to read through the platform.
 */
final class UpstreamError {

    /** The longest provider message kept; enough for "maximum context length is ..." and its numbers. */
    static final int MAX_REASON = 200;

    private UpstreamError() {
    }

    /** {@code HTTP <status>}, followed by the provider's message when there is one. */
    static String reason(int status, String body) {
        String message = providerMessage(body);
        return message.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + message;
    }

    /** Text fit for an event: control characters out, whitespace runs as one space, {@link #MAX_REASON} at most. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("[\\p{Cc}\\p{Cf}\\s]+", " ").strip();
        return flat.length() <= MAX_REASON ? flat : flat.substring(0, MAX_REASON - 1).stripTrailing() + "…";
    }

    private static String providerMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode message = GantryJson.mapper().readTree(body).path("error").path("message");
            return message.isTextual() ? clean(message.asText()) : "";
        } catch (IOException notJson) {
            return "";
        }
    }
}
