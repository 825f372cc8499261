package dev.gantry.worker.mcp;

import io.modelcontextprotocol.spec.McpError;
import java.util.concurrent.TimeoutException;

/** The reason an SDK call failed, told briefly: the innermost message worth reading. */
final class McpFailures {

    private McpFailures() {
    }

    static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof McpError || cause instanceof McpUnavailableException) {
                return cause.getMessage();
            }
            if (cause instanceof TimeoutException) {
                return "it did not answer in time";
            }
            if (cause instanceof java.net.ConnectException || cause instanceof java.nio.channels.ClosedChannelException) {
                return "the connection was refused or closed";
            }
            if (cause.getCause() == null || cause.getCause() == cause) {
                break;
            }
            cause = cause.getCause();
        }
        String message = cause == null ? null : cause.getMessage();
        return message == null || message.isBlank() ? cause == null ? "unknown" : cause.getClass().getSimpleName() : message;
    }
}
