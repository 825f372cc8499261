package dev.gantry.conversation.rest.dto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** How the agent reaches an MCP server, named as in OpenHands' MCP config; the wire name is also what is stored. */
public enum McpTransport {
    STDIO("stdio"),
    SSE("sse"),
    STREAMABLE_HTTP("streamable-http");

    private final String wireName;

    McpTransport(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static McpTransport fromWire(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of stdio, sse, streamable-http"));
    }
}
