package dev.gantry.worker.llm;

/** Which LLM a conversation talks to. The API key is resolved, never read from a command. */
public record LlmSettings(String baseUrl, String model, String apiKey) {

    @Override
    public String toString() {
        return "LlmSettings[baseUrl=" + baseUrl + ", model=" + model + "]";
    }
}
