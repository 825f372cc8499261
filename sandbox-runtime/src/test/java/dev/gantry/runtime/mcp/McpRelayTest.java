package dev.gantry.runtime.mcp;

import static dev.gantry.runtime.RuntimeApi.authorized;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.gantry.testing.mcp.NpmMcpServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class McpRelayTest {

    static final Map<String, Object> INITIALIZE = Map.of("jsonrpc", "2.0", "id", "init-1", "method", "initialize",
            "params", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                    "clientInfo", Map.of("name", "relay-test", "version", "1")));

    @AfterEach
    void stopAll() {
        for (String name : authorized().get("/api/v1/mcp/servers").then().extract().jsonPath().<String>getList("name")) {
            authorized().delete("/api/v1/mcp/servers/" + name).then().statusCode(204);
        }
    }

    static ValidatableResponse start(String name, String command, List<String> args) {
        return authorized().contentType(ContentType.JSON).body(Map.of("command", command, "args", args))
                .put("/api/v1/mcp/servers/" + name).then();
    }

    static ValidatableResponse send(String name, Map<String, ?> message) {
        return authorized().contentType(ContentType.JSON).body(message)
                .post("/api/v1/mcp/servers/" + name + "/messages").then();
    }

    static Map<String, Object> request(Object id, String method, Map<String, ?> params) {
        return Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params);
    }

    @Test
    void serverEverythingRunsInTheWorkspaceAndAnswersThroughTheRelay() {
        start("everything", NpmMcpServers.bin("mcp-server-everything"), List.of("stdio")).statusCode(200)
                .body("running", equalTo(true)).body("started", equalTo(true));

        send("everything", INITIALIZE).statusCode(200)
                .body("response.id", equalTo("init-1"))
                .body("response.result.capabilities.tools.listChanged", equalTo(true));
        send("everything", Map.of("jsonrpc", "2.0", "method", "notifications/initialized")).statusCode(200);
        send("everything", request(7, "tools/list", Map.of())).statusCode(200)
                .body("response.id", equalTo(7))
                .body("response.result.tools.name", hasItems("echo", "get-sum", "get-tiny-image"));
        send("everything", request(8, "tools/call", Map.of("name", "echo", "arguments", Map.of("message", "hi"))))
                .statusCode(200)
                .body("response.id", equalTo(8))
                .body("response.result.content[0].text", equalTo("Echo: hi"));
        send("everything", request(9, "tools/call", Map.of("name", "get-env", "arguments", Map.of())))
                .statusCode(200)
                .body("response.result.content[0].text", containsString("gantry-runtime-test/workspace"))
                .body("response.result.content[0].text", org.hamcrest.Matchers.not(containsString("test-session-key")));
    }

    @Test
    void aSecondClientIsAnsweredFromTheFirstInitializeAndFindsTheServerRunning() {
        String bin = NpmMcpServers.bin("mcp-server-everything");
        start("again", bin, List.of("stdio")).statusCode(200);
        send("again", INITIALIZE).statusCode(200);
        send("again", Map.of("jsonrpc", "2.0", "method", "notifications/initialized")).statusCode(200);

        start("again", bin, List.of("stdio")).statusCode(200).body("started", equalTo(false));
        send("again", Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params", INITIALIZE.get("params")))
                .statusCode(200).body("response.id", equalTo(1))
                .body("response.result.capabilities.tools.listChanged", equalTo(true));
        send("again", Map.of("jsonrpc", "2.0", "method", "notifications/initialized")).statusCode(200);
        // the ids of the two clients overlap; the relay's own ids keep them apart
        send("again", request(1, "tools/call", Map.of("name", "get-sum", "arguments", Map.of("a", 2, "b", 3))))
                .statusCode(200).body("response.id", equalTo(1))
                .body("response.result.content[0].text", containsString("5"));
    }

    @Test
    void aMissingCommandIsRefusedNamingTheServer() {
        start("ghost", "/no/such/mcp-server", List.of()).statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("the MCP server ghost could not be started"));
    }

    @Test
    void aServerAnsweringGarbageFailsTheRequestSayingSo() {
        start("garbage", "/bin/bash", List.of("-c", "read line; echo 'this is not json'; sleep 30")).statusCode(200);

        send("garbage", INITIALIZE).statusCode(502)
                .body("detail", equalTo("the MCP server garbage answered what is not JSON-RPC: this is not json"));
    }

    @Test
    void aServerThatDiesIsReportedWithItsExitCodeAndErrorOutput() {
        start("dying", "/bin/bash", List.of("-c", "read line; echo 'cannot open the database' >&2; exit 3"))
                .statusCode(200);

        send("dying", INITIALIZE).statusCode(502)
                .body("detail", containsString("the MCP server dying is not running: exited with code 3"))
                .body("detail", containsString("cannot open the database"));
        authorized().get("/api/v1/mcp/servers").then().statusCode(200)
                .body("find { it.name == 'dying' }.running", equalTo(false));
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsReportedAsATimeout() {
        start("silent", "/bin/bash", List.of("-c", "sleep 30")).statusCode(200);

        authorized().contentType(ContentType.JSON).body(INITIALIZE).queryParam("timeoutMs", 300)
                .post("/api/v1/mcp/servers/silent/messages").then().statusCode(504)
                .body("detail", equalTo("the MCP server silent did not answer initialize within 300 ms"));
    }

    @Test
    void unknownServersBadMessagesAndMissingKeysAreRefused() {
        send("nobody", INITIALIZE).statusCode(404).body("detail", containsString("no MCP server named nobody"));
        start("bad name!", "/bin/true", List.of()).statusCode(400);
        start("bash", "/bin/bash", List.of("-c", "sleep 30")).statusCode(200);
        send("bash", Map.of("id", 1)).statusCode(400).body("errors[0].field", equalTo("body"));
        given().contentType(ContentType.JSON).body(INITIALIZE).post("/api/v1/mcp/servers/bash/messages")
                .then().statusCode(401);
        authorized().delete("/api/v1/mcp/servers/bash").then().statusCode(204);
        send("bash", INITIALIZE).statusCode(404);
    }
}
