package dev.gantry.worker.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.worker.sandbox.RuntimeClient;
import dev.gantry.worker.sandbox.RuntimeProblemException;
import dev.gantry.worker.sandbox.SandboxSession;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** {@code file_editor} (OpenHands' {@code str_replace_editor}): view and edit files in the sandbox. */
@Singleton
public final class FileEditorTool implements Tool {

    /** The largest image (as a base64 data URL) an observation carries. */
    static final int MAX_IMAGE_CHARS = 512 * 1024;

    @Override
    public String name() {
        return "file_editor";
    }

    @Override
    public boolean actsOnSandbox() {
        return true;
    }

    @Override
    public ToolResult run(JsonNode arguments, ToolContext context) throws InterruptedException {
        Arguments args = new Arguments(name(), arguments);
        String command = args.requiredText("command");
        if (command.equals("str_replace") && args.optionalText("new_str").isEmpty()) {
            // OpenHands' EditorToolParameterMissingError: leaving new_str out never deletes old_str
            return ToolResult.failure("Parameter `new_str` is required for command: str_replace.");
        }
        RuntimeClient.EditorRequest request = new RuntimeClient.EditorRequest(
                command,
                args.requiredText("path"),
                args.optionalText("file_text").orElse(null),
                args.optionalText("old_str").orElse(null),
                args.optionalText("new_str").orElse(null),
                args.optionalInteger("insert_line").orElse(null),
                args.optionalArray("view_range").map(FileEditorTool::lines).orElse(null));
        SandboxSession sandbox = context.sandbox();
        try {
            JsonNode answer = sandbox.runtime().editor(request, context.actionId());
            String output = answer.path("output").asText(answer.toString());
            String image = answer.path("image").asText(null);
            if (image == null) {
                return ToolResult.of(output);
            }
            if (image.length() > MAX_IMAGE_CHARS) {
                // an event travels through Kafka, whose records are limited to about a megabyte
                return ToolResult.failure("The image " + request.path() + " is too large to show ("
                        + image.length() / 1024 + " KB encoded, at most " + MAX_IMAGE_CHARS / 1024 + " KB); make a"
                        + " smaller copy in the terminal (e.g. with ImageMagick's `convert -resize`) and view that.");
            }
            return new ToolResult(output, null, false, false, List.of(image));
        } catch (RuntimeProblemException e) {
            return ToolResult.failure(e.getMessage());
        }
    }

    private static List<Integer> lines(JsonNode range) {
        List<Integer> lines = new ArrayList<>();
        for (JsonNode line : range) {
            if (!line.canConvertToInt()) {
                throw new ToolArgumentException("view_range must be two line numbers, e.g. [1, 40]");
            }
            lines.add(line.asInt());
        }
        return lines;
    }
}
