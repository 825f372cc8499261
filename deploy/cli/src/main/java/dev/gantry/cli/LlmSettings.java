package dev.gantry.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The LLM that {@code gantry run} configures for the user, from GANTRY_LLM_* variables. */
public record LlmSettings(String baseUrl, String apiKey, String model) {

    static final String BASE_URL = "GANTRY_LLM_BASE_URL";
    static final String API_KEY = "GANTRY_LLM_API_KEY";
    static final String MODEL = "GANTRY_LLM_MODEL";

    public static LlmSettings from(Map<String, String> environment) {
        return new LlmSettings(blankToNull(environment.get(BASE_URL)), blankToNull(environment.get(API_KEY)),
                blankToNull(environment.get(MODEL)));
    }

    /** The variables still to set. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (baseUrl == null) {
            missing.add(BASE_URL);
        }
        if (apiKey == null) {
            missing.add(API_KEY);
        }
        if (model == null) {
            missing.add(MODEL);
        }
        return missing;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "LlmSettings[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey == null ? "unset" : "***")
                + "]";
    }
}
