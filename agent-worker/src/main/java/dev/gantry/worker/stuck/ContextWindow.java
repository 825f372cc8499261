package dev.gantry.worker.stuck;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises an LLM's "the conversation is too long" refusal among the providers' wordings (those OpenHands
 * recognises among them: OpenAI, Anthropic, llama.cpp, LiteLLM's error names), and Gemini's.
 */
public final class ContextWindow {

    private static final Pattern EXCEEDED = Pattern.compile(
            "context[ _-]?(length|window|limit|size)|maximum context|too many tokens|prompt is too long"
                    + "|please reduce the length of"
                    // Gemini: "The input token count (1054016) exceeds the maximum number of tokens allowed (1048576)."
                    + "|input token count \\(?\\d*\\)? exceeds the maximum number of tokens");

    private ContextWindow() {
    }

    public static boolean isExceeded(String errorMessage) {
        return errorMessage != null && EXCEEDED.matcher(errorMessage.toLowerCase(Locale.ROOT)).find();
    }
}
