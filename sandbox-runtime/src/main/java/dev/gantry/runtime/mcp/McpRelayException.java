package dev.gantry.runtime.mcp;

import java.time.Duration;

/** Why a relayed MCP message got no answer: the problem type, the HTTP status and a reason naming the server. */
public final class McpRelayException extends RuntimeException {

    private final String slug;
    private final int status;

    private McpRelayException(String slug, int status, String detail) {
        super(detail, null, false, false);
        this.slug = slug;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    static McpRelayException gone(String server, String why) {
        return new McpRelayException("mcp-server-gone", 502, "the MCP server " + server + " is not running: " + why);
    }

    static McpRelayException garbage(String server, String line) {
        return new McpRelayException("mcp-server-garbage", 502,
                "the MCP server " + server + " answered what is not JSON-RPC: " + line);
    }

    static McpRelayException timeout(String server, String method, Duration timeout) {
        return new McpRelayException("mcp-server-timeout", 504,
                "the MCP server " + server + " did not answer " + method + " within " + timeout.toMillis() + " ms");
    }

    static McpRelayException notStarted(String server) {
        return new McpRelayException("mcp-server-unknown", 404,
                "no MCP server named " + server + " was started in this sandbox; start it with PUT first");
    }

    static McpRelayException unstartable(String server, String why) {
        return new McpRelayException("mcp-server-unstartable", 422,
                "the MCP server " + server + " could not be started: " + why);
    }

    static McpRelayException tooMany(int limit) {
        return new McpRelayException("mcp-server-limit", 409,
                "this sandbox runs at most " + limit + " MCP servers; stop one first");
    }
}
