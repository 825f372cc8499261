package dev.gantry.worker.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.McpToolsEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.worker.support.Conversation;
import dev.gantry.testing.mcp.NpmMcpServers;
import dev.gantry.worker.support.WorkerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The agent gets and calls the tools of REAL MCP servers from npm, over stdio (in the sandbox), streamable HTTP and HTTP+SSE. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class McpToolsTest {

    /** An MCP server over stdio that answers initialize and tools/list (one tool, speak) correctly, then garbage. */
    private static final String ODD_SERVER = """
            while IFS= read -r line; do
              id=$(printf '%s' "$line" | sed -n 's/.*"id":\\([0-9]*\\).*/\\1/p')
              case "$line" in
                *'"initialize"'*) printf '{"jsonrpc":"2.0","id":%s,"result":{"protocolVersion":"2025-06-18","capabilities":{"tools":{}},"serverInfo":{"name":"odd","version":"1"}}}\\n' "$id" ;;
                *'"tools/list"'*) printf '{"jsonrpc":"2.0","id":%s,"result":{"tools":[{"name":"speak","inputSchema":{"type":"object"}}]}}\\n' "$id" ;;
                *'"tools/call"'*) echo 'Segmentation fault (core dumped)' ;;
              esac
            done
            """;

    @Test
    void theToolsOfEveryTransportReachTheLlmAndTheirResultsComeBackAsObservations() throws Exception {
        int port = NpmMcpServers.freePort();
        Process http = NpmMcpServers.everythingOverHttp(port);
        int ssePort = NpmMcpServers.freePort();
        Process sse = NpmMcpServers.everythingOverSse(ssePort);
        try {
            Conversation conversation = new Conversation();
            WorkerTestResource.platform().secret(conversation.id, "MCP_TOKEN", "mcp-token-3f9a");
            WorkerTestResource.platform().mcpServers(conversation.id, List.of(
                    Map.of("name", "every", "transport", "stdio", "command", NpmMcpServers.bin("mcp-server-everything"),
                            "args", List.of("stdio")),
                    Map.of("name", "web", "transport", "streamable-http", "url", "http://127.0.0.1:" + port + "/mcp",
                            "headers", Map.of("X-Token", "secret:MCP_TOKEN")),
                    Map.of("name", "old", "transport", "sse", "url", "http://127.0.0.1:" + ssePort + "/sse"),
                    Map.of("name", "fs", "transport", "stdio", "command", NpmMcpServers.bin("mcp-server-filesystem"),
                            "args", List.of(conversation.workspace().toString())),
                    Map.of("name", "ghost", "transport", "stdio", "command", "/no/such/mcp-server"),
                    Map.of("name", "refused", "transport", "streamable-http", "url", "http://127.0.0.1:1/mcp")));
            conversation.script()
                    .toolCall("every_echo", "{\"message\": \"hello over stdio\"}")
                    .toolCall("web_get-sum", "{\"a\": 40, \"b\": 2}")
                    .toolCall("old_echo", "{\"message\": \"hello over sse\"}")
                    .toolCall("fs_list_directory", "{\"path\": \"" + conversation.workspace() + "\"}")
                    .toolCall("every_get-tiny-image", "{}")
                    .toolCall("finish", "{\"message\": \"done\"}");

            conversation.start("Use the MCP tools.");
            conversation.awaitStatus(ExecutionStatus.FINISHED);

            List<ConversationEvent> events = conversation.events();
            McpToolsEvent listed = events.stream().map(ConversationEvent::payload)
                    .filter(McpToolsEvent.class::isInstance).map(McpToolsEvent.class::cast).findFirst().orElseThrow();
            assertThat(listed.tools()).extracting(McpToolsEvent.McpToolSpec::name)
                    .contains("every_echo", "web_get-sum", "old_echo", "fs_list_directory", "fs_read_text_file")
                    .allMatch(name -> name.matches("^[a-zA-Z0-9_-]{1,64}$"));
            assertThat(listed.failures()).extracting(McpToolsEvent.McpServerFailure::server)
                    .containsExactlyInAnyOrder("ghost", "refused");
            assertThat(listed.failures().get(0).reason() + listed.failures().get(1).reason())
                    .contains("/no/such/mcp-server");

            assertThat(observation(events, "every_echo").content()).isEqualTo("Echo: hello over stdio");
            assertThat(observation(events, "web_get-sum").content()).contains("42");
            assertThat(observation(events, "old_echo").content()).isEqualTo("Echo: hello over sse");
            assertThat(observation(events, "fs_list_directory").error()).isFalse();
            assertThat(observation(events, "every_get-tiny-image").content()).contains("[image image/png");

            JsonNode firstRequest = WorkerTestResource.llm().requests(conversation.model).get(0);
            JsonNode echo = StreamSupport.stream(firstRequest.path("tools").spliterator(), false)
                    .map(t -> t.path("function")).filter(f -> f.path("name").asText().equals("every_echo"))
                    .findFirst().orElseThrow();
            assertThat(echo.path("parameters").path("properties").has("message")).isTrue();
            assertThat(firstRequest.path("tools").findValuesAsText("name")).contains("terminal", "web_get-sum");
            assertThat(events.toString()).doesNotContain("mcp-token-3f9a");
        } finally {
            http.destroy();
            sse.destroy();
        }
    }

    @Test
    void aServerAnsweringGarbageGivesAnObservationSayingSo() {
        Conversation conversation = finishedWithTheOddServer("odd_speak");

        ObservationEvent result = observation(conversation.events(), "odd_speak");
        assertThat(result.error()).isTrue();
        assertThat(result.content()).contains("odd").contains("not JSON-RPC: Segmentation fault (core dumped)");
    }

    @Test
    void aToolNameTheLlmWasNotOfferedIsAnErrorNamingEveryToolItWasOfferedMcpToolsToo() {
        Conversation conversation = finishedWithTheOddServer("odd_spek");

        AgentErrorEvent error = conversation.events().stream().map(ConversationEvent::payload)
                .filter(AgentErrorEvent.class::isInstance).map(AgentErrorEvent.class::cast).findFirst().orElseThrow();
        List<String> offered = WorkerTestResource.llm().requests(conversation.model).get(0).path("tools")
                .findValuesAsText("name");
        assertThat(offered).contains("terminal", "odd_speak");
        assertThat(error.error()).startsWith("there is no tool named 'odd_spek'; the tools are ")
                .endsWith(String.join(", ", offered));
    }

    /** A conversation whose user has {@link #ODD_SERVER}, run to its end: the LLM calls {@code tool}, then finishes. */
    private static Conversation finishedWithTheOddServer(String tool) {
        Conversation conversation = new Conversation();
        WorkerTestResource.platform().mcpServers(conversation.id, List.of(
                Map.of("name", "odd", "transport", "stdio", "command", "/bin/bash", "args", List.of("-c", ODD_SERVER))));
        conversation.script()
                .toolCall(tool, "{}")
                .toolCall("finish", "{\"message\": \"done\"}");

        conversation.start("Call the odd tool.");
        conversation.awaitStatus(ExecutionStatus.FINISHED);
        return conversation;
    }

    private static ObservationEvent observation(List<ConversationEvent> events, String tool) {
        return events.stream().map(ConversationEvent::payload).filter(ObservationEvent.class::isInstance)
                .map(ObservationEvent.class::cast).filter(o -> o.toolName().equals(tool)).findFirst()
                .orElseThrow(() -> new AssertionError("no observation of " + tool + " in " + events.stream()
                        .map(ConversationEvent::payload).filter(p -> p instanceof ActionEvent || p instanceof ObservationEvent
                                || p.kind().equals("AgentErrorEvent")).toList()));
    }
}
