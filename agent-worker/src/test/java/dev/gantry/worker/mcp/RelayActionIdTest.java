package dev.gantry.worker.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;
import org.junit.jupiter.api.Test;

/** The relay takes a tool call's action id out of its _meta, so the runtime runs it once and the server never sees it. */
class RelayActionIdTest {

    private static JsonNode json(String text) throws Exception {
        return GantryJson.mapper().readTree(text);
    }

    @Test
    void aToolCallsActionIdIsTakenOutOfItsMeta() throws Exception {
        JsonNode call = json("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{},\"_meta\":{\"dev.gantry/actionId\":\"a-1\"}}}");

        assertThat(RelayTransport.takeActionId(call)).isEqualTo("a-1");
        assertThat(call.path("params").has("_meta")).isFalse();
        assertThat(call.path("params").path("name").asText()).isEqualTo("echo");
    }

    @Test
    void otherMetaStaysAndOtherMessagesCarryNoActionId() throws Exception {
        JsonNode call = json("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"_meta\":{\"dev.gantry/actionId\":\"a-2\",\"progressToken\":3}}}");
        JsonNode list = json("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\",\"params\":{\"_meta\":"
                + "{\"dev.gantry/actionId\":\"a-3\"}}}");

        assertThat(RelayTransport.takeActionId(call)).isEqualTo("a-2");
        assertThat(call.path("params").path("_meta").path("progressToken").asInt()).isEqualTo(3);
        assertThat(RelayTransport.takeActionId(list)).isNull();
    }
}
