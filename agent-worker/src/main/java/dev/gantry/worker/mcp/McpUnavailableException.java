package dev.gantry.worker.mcp;

/** Why an MCP server cannot be used now: it did not start, refused, timed out or died. Never carries a secret. */
final class McpUnavailableException extends RuntimeException {

    McpUnavailableException(String reason) {
        super(reason, null, false, false);
    }
}
