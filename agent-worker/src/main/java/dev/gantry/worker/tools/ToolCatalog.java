package dev.gantry.worker.tools;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.contracts.GantryJson;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementJsonUtils;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's tools and their specifications. The JSON schemas are resources ({@code tools/*.json}),
 * recorded in the conversation's SystemPromptEvent, so a worker that takes it over offers the LLM
 * exactly the tools it had.
 */
@Singleton
public class ToolCatalog {

    /** OpenHands' legacy names, which some models still call. */
    private static final Map<String, String> ALIASES = Map.of("execute_bash", "terminal", "str_replace_editor", "file_editor");
    private static final String SECURITY_RISK = "security_risk";

    /** The names of the built-in tools and their aliases, which no MCP tool may take. */
    public static final java.util.Set<String> BUILT_IN_NAMES = java.util.Set.of("terminal", "file_editor", "think",
            "finish", "task_tracker", "execute_bash", "str_replace_editor");

    private final Map<String, Tool> tools;

    ToolCatalog(TerminalTool terminal, FileEditorTool editor, ThinkTool think, FinishTool finish,
            TaskTrackerTool taskTracker, CreatePullRequestTool pullRequest) {
        this.tools = Map.of(terminal.name(), terminal, editor.name(), editor, think.name(), think,
                finish.name(), finish, taskTracker.name(), taskTracker, pullRequest.name(), pullRequest);
    }

    /** The tool called by this name or one of its aliases. */
    public Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(ALIASES.getOrDefault(name, name)));
    }

    /**
     * The OpenAI-style function specifications of every tool, in a stable order. With
     * {@code predictRisk} the sandbox tools ask the LLM for a {@code security_risk}.
     */
    public List<JsonNode> specifications(boolean predictRisk) {
        return specifications(predictRisk, false);
    }

    /** The same, with {@code create_pull_request} for a conversation that works on a repository. */
    public List<JsonNode> specifications(boolean predictRisk, boolean withRepository) {
        List<String> names = withRepository
                ? List.of("terminal", "file_editor", "think", "finish", "task_tracker", "create_pull_request")
                : List.of("terminal", "file_editor", "think", "finish", "task_tracker");
        return names.stream()
                .map(name -> function(name, predictRisk && tools.get(name).actsOnSandbox()))
                .toList();
    }

    /** The langchain4j form of recorded specifications. */
    public static List<ToolSpecification> toLangChain(List<JsonNode> specifications) {
        return specifications.stream().map(ToolCatalog::toLangChain).toList();
    }

    private static ToolSpecification toLangChain(JsonNode specification) {
        JsonNode function = specification.path("function");
        Map<String, Object> parameters = GantryJson.mapper().convertValue(function.path("parameters"),
                new TypeReference<>() {
                });
        return ToolSpecification.builder()
                .name(function.path("name").asText())
                .description(function.path("description").asText())
                .parameters((JsonObjectSchema) JsonSchemaElementJsonUtils.fromMap(parameters))
                .build();
    }

    private static JsonNode function(String name, boolean withRisk) {
        ObjectNode function = (ObjectNode) load(name);
        if (withRisk) {
            addRisk((ObjectNode) function.path("parameters"));
        }
        ObjectNode spec = GantryJson.mapper().createObjectNode().put("type", "function");
        spec.set("function", function);
        return spec;
    }

    /** Asks for a {@code security_risk} in these parameters (an object schema), as the sandbox tools do. */
    public static void addRisk(ObjectNode parameters) {
        parameters.withObject("/properties").putObject(SECURITY_RISK)
                .put("type", "string")
                .put("description", "How risky this action is for the user's machine, data or accounts:"
                        + " LOW (reads, builds, tests), MEDIUM (changes files, installs packages),"
                        + " HIGH (deletes data, touches credentials, pushes, sends things out).")
                .putArray("enum").add("LOW").add("MEDIUM").add("HIGH");
        parameters.withArray("/required").add(SECURITY_RISK);
    }

    private static JsonNode load(String name) {
        try (InputStream in = ToolCatalog.class.getResourceAsStream("/tools/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("the tool specification tools/" + name + ".json is missing");
            }
            return GantryJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
