package dev.gantry.contracts.llm;

import java.util.Optional;

/**
 * A settings {@code model} read as LiteLLM reads it: {@code <provider>/<name>}, the provider's prefix stripped
 * before the name is sent; no prefix is an OpenAI-compatible model. Only the first {@code /} separates:
 * {@code openai/meta-llama/Llama-3.3-70B} is the OpenAI-compatible model {@code meta-llama/Llama-3.3-70B}.
 *
 * @param provider the kind of endpoint
 * @param name     the model's name as the endpoint knows it
 */
public record LlmModel(LlmProvider provider, String name) {

    /**
     * The model a setting names, or why it cannot be used: a prefix no provider has, or nothing after the
     * prefix. The reason is a sentence fit for a 400 on the field {@code model}.
     */
    public static Parsed parse(String model) {
        int slash = model.indexOf('/');
        if (slash < 0) {
            return new Parsed.Valid(new LlmModel(LlmProvider.OPENAI, model));
        }
        String prefix = model.substring(0, slash);
        String name = model.substring(slash + 1);
        Optional<LlmProvider> provider = LlmProvider.ofPrefix(prefix);
        if (provider.isEmpty()) {
            return new Parsed.Invalid("names the provider '" + prefix + "', which is not one of "
                    + LlmProvider.knownPrefixes() + " (an OpenAI-compatible model whose name has a '/' is written"
                    + " openai/<name>)");
        }
        if (name.isBlank()) {
            return new Parsed.Invalid("names no model after '" + prefix + "/'");
        }
        return new Parsed.Valid(new LlmModel(provider.get(), name));
    }

    /**
     * The model to call for a setting. A prefix no provider has is taken as part of an OpenAI-compatible model's
     * name, sent whole: settings saved before prefixes were checked named such models so.
     */
    public static LlmModel route(String model) {
        return switch (parse(model)) {
            case Parsed.Valid valid -> valid.model();
            case Parsed.Invalid invalid -> new LlmModel(LlmProvider.OPENAI, model);
        };
    }

    /** What {@link #parse} made of a setting. */
    public sealed interface Parsed {

        record Valid(LlmModel model) implements Parsed {
        }

        /** @param reason why, in words that follow the field's name */
        record Invalid(String reason) implements Parsed {
        }
    }
}
