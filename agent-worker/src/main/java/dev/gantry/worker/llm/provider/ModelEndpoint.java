package dev.gantry.worker.llm.provider;

import dev.gantry.contracts.llm.LlmProvider;

/**
 * Where and how one model is asked: the kind of API, the model's name as the endpoint knows it (its
 * {@code provider/} prefix stripped), the endpoint and the key sent to it.
 *
 * @param apiKey the key, or null for none
 */
public record ModelEndpoint(LlmProvider provider, String modelName, String baseUrl, String apiKey) {

    @Override
    public String toString() {
        return "ModelEndpoint[provider=" + provider + ", modelName=" + modelName + ", baseUrl=" + baseUrl + "]";
    }
}
