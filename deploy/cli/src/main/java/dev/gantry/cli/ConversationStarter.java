package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.contracts.GantryJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Starts conversations the way {@code gantry run} and {@code gantry chat} both do: on the LLM that
 * GANTRY_LLM_* names, or on a recorded trajectory, with the repository and branch given.
 */
public final class ConversationStarter {

    static final String API_KEY_SECRET = "gantry-cli-llm-api-key";
    /** The model name that makes the agent-worker play a recorded trajectory instead of calling an LLM. */
    public static final String REPLAY_MODEL = "gantry/replay";

    private final GantryApi gantry;
    private final String repository;
    private final String branch;

    /** Refuses a branch with no repository: there is nothing to check it out of. */
    public ConversationStarter(GantryApi gantry, String repository, String branch) throws UsageException {
        if (branch != null && repository == null) {
            throw new UsageException("--branch needs --repo: the branch of which repository?");
        }
        if (repository != null && repository.isBlank() || branch != null && branch.isBlank()) {
            throw new UsageException("--repo and --branch cannot be empty");
        }
        this.gantry = gantry;
        this.repository = repository;
        this.branch = branch;
    }

    /** What to tell a user who has set none or only some of GANTRY_LLM_*. */
    public static String missingLlm(LlmSettings llm, String alternative) {
        return "an LLM is needed. Set " + String.join(", ", llm.missing())
                + " (an OpenAI-compatible endpoint), for example:\n"
                + "  export GANTRY_LLM_BASE_URL=https://api.openai.com/v1\n"
                + "  export GANTRY_LLM_API_KEY=sk-...\n"
                + "  export GANTRY_LLM_MODEL=gpt-4o\n"
                + alternative;
    }

    /** Makes the user's settings call this LLM: its key kept as one of their secrets. */
    public void useLlm(LlmSettings llm) throws ApiException {
        gantry.putSecret(API_KEY_SECRET, llm.apiKey());
        gantry.updateSettings(GantryJson.mapper().createObjectNode()
                .put("model", llm.model())
                .put("baseUrl", llm.baseUrl())
                .put("apiKeySecretName", API_KEY_SECRET));
    }

    /** Starts a conversation on a task. */
    public JsonNode start(String task) throws ApiException {
        return gantry.startConversation(request().put("initialMessage", task));
    }

    /** A trajectory file's text, refused unless it is a JSON list. */
    public static String readTrajectory(Path file) throws UsageException, IOException {
        String trajectory;
        try {
            trajectory = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("no trajectory file " + file);
        }
        boolean list;
        try {
            list = GantryJson.mapper().readTree(trajectory).isArray();
        } catch (IOException e) {
            list = false;
        }
        if (!list) {
            throw new UsageException(file + " is not a trajectory: a JSON list of {\"tool\": ..., \"arguments\": {...}}");
        }
        return trajectory;
    }

    /**
     * Runs a recorded trajectory: a conversation whose model is {@link #REPLAY_MODEL} takes its first
     * message as the tool calls to make. The user's own model is put back once the conversation
     * has taken its settings.
     */
    public JsonNode startReplay(Path file, String trajectory) throws ApiException {
        JsonNode model = gantry.settings().path("model");
        gantry.updateSettings(GantryJson.mapper().createObjectNode().put("model", REPLAY_MODEL));
        try {
            return gantry.startConversation(request().put("title", "replay of " + file.getFileName())
                    .put("initialMessage", trajectory));
        } finally {
            if (model.isTextual() && !model.asText().equals(REPLAY_MODEL)) {
                gantry.updateSettings(GantryJson.mapper().createObjectNode().put("model", model.asText()));
            }
        }
    }

    private ObjectNode request() {
        ObjectNode start = GantryJson.mapper().createObjectNode();
        if (repository != null) {
            start.put("repository", repository);
        }
        if (branch != null) {
            start.put("branch", branch);
        }
        return start;
    }
}
