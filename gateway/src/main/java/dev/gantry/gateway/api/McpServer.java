package dev.gantry.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * An MCP server the user's agents may use: a {@code command} with {@code args} (stdio) or a {@code url}.
 * A header value {@code secret:<name>} is resolved from the user's secrets by the agent-worker.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record McpServer(
        @NotBlank @Pattern(regexp = Limits.NAME_PATTERN, message = Limits.NAME_PATTERN_MESSAGE) String name,
        @NotNull McpTransport transport,
        @Size(max = Limits.URL_LENGTH) String command,
        List<String> args,
        @Size(max = Limits.URL_LENGTH) String url,
        Map<String, String> headers) {
}
