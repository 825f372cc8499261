package dev.gantry.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.McpToolsEvent;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.testing.mcp.NpmMcpServers;
import dev.gantry.system.platform.Platform;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * A user's MCP servers and skills, registered through the public API, give the agent their tools on the running
 * platform: the real npm server-everything over stdio (started inside the conversation's bubblewrap sandbox
 * and relayed by its runtime) and over streamable HTTP (reached from the worker).
 */
class McpToolsSystemTest {

    @Test
    void theToolsOfAUsersStdioAndHttpServersAndTheirSkillsReachTheLlm() {
        int port = NpmMcpServers.freePort();
        Process http = NpmMcpServers.everythingOverHttp(port);
        try {
            TestUser user = TestUser.create("mcp");
            user.api.request().body(Map.of("name", "every", "transport", "stdio",
                    "command", NpmMcpServers.bin("mcp-server-everything"), "args", List.of("stdio")))
                    .post("/api/v1/mcp-servers").then().statusCode(201);
            user.api.request().body(Map.of("name", "web", "transport", "streamable-http",
                    "url", "http://127.0.0.1:" + port + "/mcp"))
                    .post("/api/v1/mcp-servers").then().statusCode(201);
            user.api.request().body(Map.of("name", "gone", "transport", "stdio", "command", "/no/such/server"))
                    .post("/api/v1/mcp-servers").then().statusCode(201);
            user.api.request().body(Map.of("name", "echoing", "triggers", List.of("mcp"),
                    "content", "Echo tools answer with an 'Echo:' prefix; quote them exactly."))
                    .post("/api/v1/skills").then().statusCode(201);
            user.api.request().body(Map.of("name", "house-rules", "content", "Never push to main directly."))
                    .post("/api/v1/skills").then().statusCode(201);
            user.llm().toolCall("every_echo", "{\"message\": \"hello from the sandbox\"}")
                    .toolCall("web_get-sum", "{\"a\": 40, \"b\": 2}")
                    .toolCall("finish", "{\"message\": \"done\"}");

            String id = user.startConversation().getString("id");
            user.send(id, "Use the MCP tools.");
            user.awaitStatus(id, "finished");

            List<ConversationEvent> events = user.events(id);
            McpToolsEvent listed = events.stream().map(ConversationEvent::payload)
                    .filter(McpToolsEvent.class::isInstance).map(McpToolsEvent.class::cast).findFirst().orElseThrow();
            assertThat(listed.tools()).extracting(McpToolsEvent.McpToolSpec::name).contains("every_echo", "web_get-sum");
            assertThat(listed.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.server()).isEqualTo("gone");
                assertThat(failure.reason()).contains("/no/such/server");
            });
            assertThat(observation(events, "every_echo").content()).isEqualTo("Echo: hello from the sandbox");
            assertThat(observation(events, "web_get-sum").content()).contains("42");

            JsonNode firstRequest = Platform.get().llm().requests(user.model).get(0);
            JsonNode echo = StreamSupport.stream(firstRequest.path("tools").spliterator(), false)
                    .map(tool -> tool.path("function")).filter(f -> f.path("name").asText().equals("every_echo"))
                    .findFirst().orElseThrow();
            assertThat(echo.path("parameters").path("properties").has("message")).isTrue();
            // the always-on skill and the one the message triggered ("MCP") reached the LLM with the tools
            assertThat(firstRequest.path("messages").toString())
                    .contains("Never push to main directly.")
                    .contains("Echo tools answer with an 'Echo:' prefix; quote them exactly.");
            assertThat(events.stream().map(ConversationEvent::payload).filter(MessageEvent.class::isInstance)
                    .map(MessageEvent.class::cast).filter(m -> m.content().equals("Use the MCP tools.")).findFirst()
                    .orElseThrow().activatedSkills()).containsExactly("echoing");
        } finally {
            http.destroy();
        }
    }

    private static ObservationEvent observation(List<ConversationEvent> events, String tool) {
        return events.stream().map(ConversationEvent::payload).filter(ObservationEvent.class::isInstance)
                .map(ObservationEvent.class::cast).filter(o -> o.toolName().equals(tool)).findFirst()
                .orElseThrow(() -> new AssertionError("no observation of " + tool + " in " + events));
    }
}
