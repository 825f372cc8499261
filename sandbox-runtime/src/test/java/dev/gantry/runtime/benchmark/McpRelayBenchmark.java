package dev.gantry.runtime.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.runtime.RuntimeApi;
import dev.gantry.testing.mcp.NpmMcpServers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What the sandbox's stdio MCP relay costs: {@code tools/list} and one {@code tools/call} (server-everything's
 * echo) through {@code POST /api/v1/mcp/servers/{name}/messages}, next to the same calls written straight to a
 * server-everything process's stdin in the same run (the baseline). Target: the relay ≤ 2× the baseline.
 * Prints figures; asserts only correctness. Run with {@code mvn -pl sandbox-runtime test -Pbenchmark
 * -Dtest=McpRelayBenchmark} after deploy/local/mcp-servers.sh.
 */
@QuarkusTest
class McpRelayBenchmark {

    private static final int WARMUP = 100;
    private static final int ROUNDS = 500;
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/list\"}";
    private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"echo\",\"arguments\":{\"message\":\"benchmark\"}}}";

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void printsRelayAndDirectRoundTrips() throws Exception {
        String bin = NpmMcpServers.bin("mcp-server-everything");
        assertEquals(200, send("PUT", "api/v1/mcp/servers/bench",
                "{\"command\":\"" + bin + "\",\"args\":[\"stdio\"]}").statusCode());
        relay(INITIALIZE);
        relay(INITIALIZED);

        Process direct = new ProcessBuilder(bin, "stdio").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            OutputStream in = direct.getOutputStream();
            BufferedReader out = new BufferedReader(new InputStreamReader(direct.getInputStream(), StandardCharsets.UTF_8));
            directCall(in, out, INITIALIZE, 0);
            write(in, INITIALIZED);

            long[] relayList = new long[ROUNDS];
            long[] directList = new long[ROUNDS];
            long[] relayCall = new long[ROUNDS];
            long[] directCall = new long[ROUNDS];
            for (int i = -WARMUP; i < ROUNDS; i++) {
                int id = i + WARMUP + 1;
                long t0 = System.nanoTime();
                JsonNode listed = relay(LIST.formatted(id));
                long t1 = System.nanoTime();
                JsonNode listedDirect = directCall(in, out, LIST.formatted(id), id);
                long t2 = System.nanoTime();
                JsonNode called = relay(CALL.formatted(id));
                long t3 = System.nanoTime();
                JsonNode calledDirect = directCall(in, out, CALL.formatted(id), id);
                long t4 = System.nanoTime();
                assertTrue(listed.path("response").path("result").path("tools").size() > 5);
                assertEquals(listed.path("response").path("result").path("tools").size(),
                        listedDirect.path("result").path("tools").size());
                assertEquals("Echo: benchmark", called.path("response").path("result").path("content").get(0).path("text").asText());
                assertEquals("Echo: benchmark", calledDirect.path("result").path("content").get(0).path("text").asText());
                if (i >= 0) {
                    relayList[i] = t1 - t0;
                    directList[i] = t2 - t1;
                    relayCall[i] = t3 - t2;
                    directCall[i] = t4 - t3;
                }
            }
            System.out.printf("%nMCP stdio relay vs direct stdio, server-everything, %d rounds after %d warm-up%n", ROUNDS, WARMUP);
            System.out.printf("%-22s %9s %9s %9s%n", "", "p50 ms", "p90 ms", "p99 ms");
            print("tools/list relay", relayList);
            print("tools/list direct", directList);
            print("tools/call relay", relayCall);
            print("tools/call direct", directCall);
            System.out.printf("ratio relay/direct at p50: tools/list %.2fx, tools/call %.2fx (target <= 2x)%n%n",
                    (double) percentile(relayList, 0.5) / percentile(directList, 0.5),
                    (double) percentile(relayCall, 0.5) / percentile(directCall, 0.5));
        } finally {
            direct.destroy();
            send("DELETE", "api/v1/mcp/servers/bench", null);
        }
    }

    private JsonNode relay(String message) throws Exception {
        HttpResponse<String> response = send("POST", "api/v1/mcp/servers/bench/messages", message);
        assertEquals(200, response.statusCode(), response.body());
        return GantryJson.mapper().readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("X-Session-API-Key", RuntimeApi.SESSION_KEY).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void write(OutputStream in, String line) throws Exception {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Writes the request and reads lines until its answer (notifications on the way are skipped). */
    private static JsonNode directCall(OutputStream in, BufferedReader out, String request, int id) throws Exception {
        write(in, request);
        while (true) {
            JsonNode message = GantryJson.mapper().readTree(out.readLine());
            if (message.path("id").asInt(-1) == id && !message.has("method")) {
                return message;
            }
        }
    }

    private static void print(String label, long[] nanos) {
        System.out.printf("%-22s %9.3f %9.3f %9.3f%n", label, percentile(nanos, 0.5) / 1e6, percentile(nanos, 0.9) / 1e6,
                percentile(nanos, 0.99) / 1e6);
    }

    private static long percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
