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
        RuntimeClient.EditorRequest request = new RuntimeClient.EditorRequest(
                args.requiredText("command"),
                args.requiredText("path"),
                args.optionalText("file_text").orElse(null),
                args.optionalText("old_str").orElse(null),
                args.optionalText("new_str").orElse(null),
                args.optionalInteger("insert_line").orElse(null),
                args.optionalArray("view_range").map(FileEditorTool::lines).orElse(null));
        SandboxSession sandbox = context.sandbox();
        try {
            JsonNode answer = sandbox.runtime().editor(request);
            return ToolResult.of(answer.path("output").asText(answer.toString()));
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
