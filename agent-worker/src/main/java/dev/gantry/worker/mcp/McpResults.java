package dev.gantry.worker.mcp;

import dev.gantry.contracts.GantryJson;
import dev.gantry.worker.tools.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * An MCP tool's result as the observation the LLM reads: text as it is, an image or audio clip and a binary
 * resource named with their type and size, a text resource with its URI, structured content as JSON;
 * cut in the middle above the limit, like terminal output. {@code isError} makes it a failed observation.
 */
final class McpResults {

    private McpResults() {
    }

    static ToolResult observation(String server, McpSchema.CallToolResult result, int maxChars) {
        List<String> parts = new ArrayList<>();
        if (result.content() != null) {
            for (McpSchema.Content content : result.content()) {
                parts.add(describe(content));
            }
        }
        if (parts.isEmpty() && result.structuredContent() != null) {
            parts.add(GantryJson.mapper().valueToTree(result.structuredContent()).toString());
        }
        String text = parts.isEmpty() ? "[The MCP server " + server + " returned no content.]" : String.join("\n", parts);
        text = truncated(text, maxChars);
        return Boolean.TRUE.equals(result.isError()) ? ToolResult.failure(text) : ToolResult.of(text);
    }

    private static String describe(McpSchema.Content content) {
        return switch (content) {
            case McpSchema.TextContent text -> text.text();
            case McpSchema.ImageContent image -> "[image " + image.mimeType() + ", " + decodedSize(image.data()) + " bytes]";
            case McpSchema.AudioContent audio -> "[audio " + audio.mimeType() + ", " + decodedSize(audio.data()) + " bytes]";
            case McpSchema.EmbeddedResource embedded -> switch (embedded.resource()) {
                case McpSchema.TextResourceContents text -> "[resource " + text.uri() + "]\n" + text.text();
                case McpSchema.BlobResourceContents blob -> "[resource " + blob.uri() + ", " + blob.mimeType() + ", "
                        + decodedSize(blob.blob()) + " bytes]";
                default -> "[resource " + embedded.resource().uri() + "]";
            };
            case McpSchema.ResourceLink link -> "[resource link " + link.uri() + (link.name() == null ? "" : " (" + link.name() + ")")
                    + (link.description() == null ? "" : ": " + link.description()) + "]";
            default -> GantryJson.mapper().valueToTree(content).toString();
        };
    }

    private static long decodedSize(String base64) {
        return base64 == null ? 0 : base64.length() * 3L / 4;
    }

    /** Keeps the head and the tail, as the runtime does with terminal output. */
    static String truncated(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int half = maxChars / 2;
        return text.substring(0, half) + "\n[... " + (text.length() - 2 * half) + " characters of the result were cut ...]\n"
                + text.substring(text.length() - half);
    }
}
