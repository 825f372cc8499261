package dev.gantry.worker.tools;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;

/** {@code finish}: the agent is done; its message closes the run. */
@Singleton
public final class FinishTool implements Tool {

    @Override
    public String name() {
        return "finish";
    }

    @Override
    public boolean actsOnSandbox() {
        return false;
    }

    @Override
    public ToolResult run(JsonNode arguments, ToolContext context) {
        String message = new Arguments(name(), arguments).requiredText("message");
        return new ToolResult(message, null, false, true);
    }
}
