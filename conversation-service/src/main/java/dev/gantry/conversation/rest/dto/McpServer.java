package dev.gantry.conversation.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * {@code McpServer} of docs/INTERNAL-API.md, asked for and answered. A {@code stdio} server has a
 * command (and args), the others a URL; a header value is a literal or {@code secret:<secretName>}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record McpServer(
        @NotNull @Pattern(regexp = FieldRules.NAME_PATTERN, message = FieldRules.NAME_REASON) String name,
        @NotNull McpTransport transport,
        @Size(max = FieldRules.COMMAND_MAX) String command,
        @Size(max = FieldRules.ARGS_MAX) List<@NotNull @Size(max = FieldRules.ARG_MAX) String> args,
        @Size(max = FieldRules.URL_MAX) @Pattern(regexp = FieldRules.HTTP_URL_PATTERN, message = "must be an http or https URL")
        String url,
        @Size(max = FieldRules.HEADERS_MAX)
        Map<@NotBlank String, @NotNull @Size(max = FieldRules.HEADER_VALUE_MAX) String> headers) {

    /** How a header value refers to one of the user's secrets. */
    public static final String SECRET_REFERENCE_PREFIX = "secret:";
}
