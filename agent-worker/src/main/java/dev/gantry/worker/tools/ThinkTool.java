package dev.gantry.worker.tools;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;

/** {@code think}: the agent's reasoning, kept in the log; nothing runs. */
@Singleton
public final class ThinkTool implements Tool {

    @Override
    public String name() {
        return "think";
    }

    @Override
    public boolean actsOnSandbox() {
        return false;
    }

    @Override
    public ToolResult run(JsonNode arguments, ToolContext context) {
        new Arguments(name(), arguments).requiredText("thought");
        return ToolResult.of("Your thought has been logged.");
    }
}
