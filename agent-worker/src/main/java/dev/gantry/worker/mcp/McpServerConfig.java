package dev.gantry.worker.mcp;

import java.util.List;
import java.util.Map;

/**
 * An MCP server of the conversation's owner, as conversation-service stores it; a header value
 * {@code secret:<name>} is resolved when connecting. Its headers are never logged.
 */
public record McpServerConfig(String name, String transport, String command, List<String> args, String url,
        Map<String, String> headers) {

    public static final String SECRET_PREFIX = "secret:";

    public McpServerConfig {
        args = args == null ? List.of() : List.copyOf(args);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "McpServerConfig[" + name + ", " + transport + "]";
    }
}
