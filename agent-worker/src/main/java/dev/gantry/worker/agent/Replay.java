package dev.gantry.worker.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded trajectory played instead of an LLM: the offline demo path. A conversation whose model
 * is {@link #MODEL} takes its first user message as a JSON list of tool calls,
 * {@code [{"tool": "terminal", "arguments": {"command": "ls"}}, ...]}, and runs them one per step,
 * for real; when the list is done it finishes.
 */
final class Replay {

    static final String MODEL = "gantry/replay";

    private final List<JsonNode> calls;

    private Replay(List<JsonNode> calls) {
        this.calls = calls;
    }

    static boolean applies(String model) {
        return MODEL.equals(model);
    }

    static Replay parse(String trajectory) {
        try {
            JsonNode list = GantryJson.mapper().readTree(trajectory);
            if (!list.isArray()) {
                throw new IllegalArgumentException("a trajectory is a JSON list of tool calls");
            }
            List<JsonNode> calls = new ArrayList<>();
            list.forEach(calls::add);
            return new Replay(calls);
        } catch (IOException e) {
            throw new IllegalArgumentException("the trajectory is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The step after {@code done} recorded calls: the next call, or finish when none is left. */
    AiMessage next(long done) {
        if (done >= calls.size()) {
            return AiMessage.from(ToolExecutionRequest.builder().id("replay-finish-" + done).name("finish")
                    .arguments("{\"message\": \"The recorded trajectory was replayed.\"}").build());
        }
        JsonNode call = calls.get((int) done);
        return AiMessage.from(ToolExecutionRequest.builder().id("replay-" + done)
                .name(call.path("tool").asText())
                .arguments(call.path("arguments").toString()).build());
    }
}
