package dev.gantry.worker.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.event.McpToolsEvent;
import dev.gantry.contracts.event.McpToolsEvent.McpServerFailure;
import dev.gantry.contracts.event.McpToolsEvent.McpToolSpec;
import dev.gantry.worker.client.ConversationServiceClient;
import dev.gantry.worker.tools.McpTool;
import dev.gantry.worker.tools.ToolCatalog;
import dev.gantry.worker.tools.ToolResult;
import dev.langchain4j.internal.JsonSchemaElementJsonUtils;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.logging.Log;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One conversation's MCP servers: lists their tools into an {@link McpToolsEvent}, and calls them. A server
 * that cannot be reached is named in the event with why, and the others serve on; a call whose server
 * fails is a failed observation, and the next use connects again. A server's
 * {@code notifications/tools/list_changed} has the list read again before the next step.
 */
public final class McpToolbox implements AutoCloseable {

    private static final String SECURITY_RISK = "security_risk";

    private final UUID conversationId;
    private final McpConnector connector;
    private final ConversationServiceClient conversations;
    private final RelayTransport.Runtime runtime;
    private final Set<String> builtInNames;
    private final Map<String, McpSyncClient> clients = new ConcurrentHashMap<>();
    private Map<String, McpServerConfig> servers;
    private volatile boolean toolsChanged;
    /** The owner has no MCP servers, as this worker found: nothing to record until a server says otherwise. */
    private boolean foundNone;

    public McpToolbox(UUID conversationId, McpConnector connector, ConversationServiceClient conversations,
            RelayTransport.Runtime runtime, Set<String> builtInNames) {
        this.conversationId = conversationId;
        this.connector = connector;
        this.conversations = conversations;
        this.runtime = runtime;
        this.builtInNames = Set.copyOf(builtInNames);
    }

    /**
     * The event to write before the next step, if any: the first listing (none recorded yet), or a new one
     * after a server said its tools changed and they did.
     */
    public Optional<McpToolsEvent> listingDue(McpToolsEvent recorded, boolean predictRisk) throws InterruptedException {
        if ((recorded != null || foundNone) && !toolsChanged) {
            return Optional.empty();
        }
        toolsChanged = false;
        McpToolsEvent listed;
        try {
            listed = list(predictRisk);
        } catch (RuntimeException e) {
            Log.warnf("conversation %s: the MCP servers could not be read: %s", conversationId, e.toString());
            listed = new McpToolsEvent(List.of(), List.of(new McpServerFailure("*",
                    "the conversation's MCP server configurations could not be read")));
        }
        if (recorded == null && listed.tools().isEmpty() && listed.failures().isEmpty()) {
            foundNone = true;
            return Optional.empty();
        }
        if (recorded != null && recorded.equals(listed)) {
            return Optional.empty();
        }
        return Optional.of(listed);
    }

    /** Connects every server of the owner (those not connected yet) and lists their tools. */
    public McpToolsEvent list(boolean predictRisk) throws InterruptedException {
        servers = loadServers();
        List<McpToolSpec> tools = new ArrayList<>();
        List<McpServerFailure> failures = new ArrayList<>();
        Set<String> taken = new HashSet<>(builtInNames);
        for (McpServerConfig server : servers.values()) {
            try {
                McpSyncClient client = connected(server.name());
                String cursor = null;
                do {
                    McpSchema.ListToolsResult page = client.listTools(cursor);
                    for (McpSchema.Tool tool : page.tools()) {
                        String name = McpToolNames.fit(server.name(), tool.name(), taken);
                        taken.add(name);
                        tools.add(new McpToolSpec(name, server.name(), tool.name(), specification(name, tool, predictRisk)));
                    }
                    cursor = page.nextCursor();
                } while (cursor != null && !cursor.isEmpty());
            } catch (McpUnavailableException e) {
                failures.add(new McpServerFailure(server.name(), e.getMessage()));
            } catch (RuntimeException e) {
                disconnect(server.name());
                failures.add(new McpServerFailure(server.name(), "its tools could not be listed: " + McpFailures.reason(e)));
            }
        }
        failures.forEach(f -> Log.warnf("conversation %s: MCP server %s is unavailable: %s", conversationId, f.server(),
                f.reason()));
        return new McpToolsEvent(tools, failures);
    }

    /** The MCP tool the LLM called by this name, among the recorded ones. */
    public Optional<McpTool> find(McpToolsEvent recorded, String name) {
        if (recorded == null) {
            return Optional.empty();
        }
        return recorded.tools().stream().filter(t -> t.name().equals(name)).findFirst()
                .map(spec -> new McpTool(spec.name(), (arguments, actionId) -> call(spec, arguments, actionId)));
    }

    private ToolResult call(McpToolSpec spec, JsonNode arguments, String actionId) throws InterruptedException {
        Map<String, Object> args = GantryJson.mapper().convertValue(
                arguments instanceof ObjectNode object ? object.deepCopy().without(SECURITY_RISK) : arguments,
                new TypeReference<>() {
                });
        McpSyncClient client;
        try {
            client = connected(spec.server());
        } catch (McpUnavailableException e) {
            return ToolResult.failure("The MCP server " + spec.server() + " is unavailable: " + e.getMessage());
        }
        try {
            // the action id rides in _meta: the sandbox relay takes it out and runs the call once
            // (RelayTransport); a remote server gets it as an idempotency key it may honour
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(spec.tool(), args,
                    actionId == null ? null : Map.of(RelayTransport.ACTION_ID_META, actionId)));
            return McpResults.observation(spec.server(), result, connector.config().maxObservationChars());
        } catch (RuntimeException e) {
            // the next use connects again
            disconnect(spec.server());
            return ToolResult.failure("The MCP server " + spec.server() + " failed to run " + spec.tool() + ": "
                    + McpFailures.reason(e));
        }
    }

    private McpSyncClient connected(String server) throws InterruptedException {
        McpSyncClient client = clients.get(server);
        if (client != null) {
            return client;
        }
        if (servers == null || !servers.containsKey(server)) {
            servers = loadServers();
        }
        McpServerConfig config = servers.get(server);
        if (config == null) {
            throw new McpUnavailableException("it is no longer among the user's MCP servers");
        }
        client = connector.connect(conversationId, config, runtime, () -> toolsChanged = true);
        clients.put(server, client);
        return client;
    }

    private Map<String, McpServerConfig> loadServers() {
        Map<String, McpServerConfig> byName = new LinkedHashMap<>();
        conversations.mcpServers(conversationId).forEach(s -> byName.put(s.name(), s));
        return byName;
    }

    private void disconnect(String server) {
        McpSyncClient client = clients.remove(server);
        if (client != null) {
            try {
                client.close();
            } catch (RuntimeException e) {
                Log.debugf("closing the MCP client of %s: %s", server, e);
            }
        }
    }

    /** An OpenAI-style function whose parameters are the tool's input schema as the server gave it. */
    private static JsonNode specification(String name, McpSchema.Tool tool, boolean predictRisk) {
        ObjectNode function = GantryJson.mapper().createObjectNode().put("name", name)
                .put("description", tool.description() == null ? tool.name() : tool.description());
        ObjectNode parameters = tool.inputSchema() == null ? GantryJson.mapper().createObjectNode()
                : GantryJson.mapper().valueToTree(tool.inputSchema());
        parameters.put("type", "object");
        parameters.withObject("/properties");
        // the LLM client takes an object schema: keep what it reads as one (a "$schema" line makes it raw)
        parameters.remove("$schema");
        if (!(JsonSchemaElementJsonUtils.fromMap(GantryJson.mapper().convertValue(parameters,
                new TypeReference<Map<String, Object>>() {
                })) instanceof JsonObjectSchema)) {
            ObjectNode plain = GantryJson.mapper().createObjectNode().put("type", "object");
            plain.set("properties", parameters.get("properties"));
            if (parameters.has("required")) {
                plain.set("required", parameters.get("required"));
            }
            parameters = plain;
        }
        if (predictRisk) {
            ToolCatalog.addRisk(parameters);
        }
        function.set("parameters", parameters);
        ObjectNode spec = GantryJson.mapper().createObjectNode().put("type", "function");
        spec.set("function", function);
        return spec;
    }

    @Override
    public void close() {
        List.copyOf(clients.keySet()).forEach(this::disconnect);
    }
}
