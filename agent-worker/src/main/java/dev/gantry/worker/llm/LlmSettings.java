package dev.gantry.worker.llm;

/**
 * Which LLM a conversation talks to, and for whom. The API key is resolved, never read from a command.
 *
 * @param baseUrl the conversation's endpoint, or null for the installation's endpoint of the model's provider
 * @param model   as the settings name it: {@code anthropic/claude-...}, {@code gpt-4o} (OpenAI-compatible)
 * @param apiKey  the key, or null for none
 * @param user    the conversation's owner, whom the metrics count the call for
 */
public record LlmSettings(String baseUrl, String model, String apiKey, String user) {

    @Override
    public String toString() {
        return "LlmSettings[baseUrl=" + baseUrl + ", model=" + model + ", user=" + user + "]";
    }
}
