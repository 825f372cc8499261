package dev.gantry.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the agent reaches an MCP server. */
public enum McpTransport {
    @JsonProperty("stdio") STDIO,
    @JsonProperty("sse") SSE,
    @JsonProperty("streamable-http") STREAMABLE_HTTP
}
