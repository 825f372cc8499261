package dev.gantry.worker.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.contracts.GantryHeaders;
import dev.gantry.contracts.GantryJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The tool API of one sandbox's runtime (ARCHITECTURE.md, "Sandbox runtime API"), called over the JDK's
 * HTTP client: a blocking call on the conversation's virtual thread, with no hop to an event loop and back,
 * because every agent step waits for it. One per sandbox; it carries the session key, which is never logged.
 */
public final class RuntimeClient {

    private static final ObjectMapper JSON = GantryJson.mapper();
    private static final int UNAUTHORIZED = 401;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TerminalRequest(String command, Boolean isInput, Integer timeoutSeconds, Boolean reset) {
    }

    public record TerminalResult(String output, int exitCode, String workingDir, boolean timedOut) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EditorRequest(String command, String path, String fileText, String oldStr, String newStr,
            Integer insertLine, List<Integer> viewRange) {
    }

    private final HttpClient http;
    private final URI baseUrl;
    private final String sessionKey;
    private final Duration readTimeout;

    public RuntimeClient(HttpClient http, URI baseUrl, String sessionKey, Duration readTimeout) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.sessionKey = sessionKey;
        this.readTimeout = readTimeout;
    }

    /** {@code POST /api/v1/terminal}. */
    public TerminalResult terminal(TerminalRequest request) throws InterruptedException {
        return read(post("/api/v1/terminal", request), TerminalResult.class);
    }

    /** {@code POST /api/v1/editor}: the runtime's answer as it is. */
    public JsonNode editor(EditorRequest request) throws InterruptedException {
        return read(post("/api/v1/editor", request), JsonNode.class);
    }

    /**
     * {@code PUT /api/v1/environment}: the variables the agent's shell gets besides the runtime's own (the
     * secrets the conversation gives its sandbox): in a request body, never on a command line.
     */
    public void environment(Map<String, String> variables) throws InterruptedException {
        send("PUT", "/api/v1/environment", new EnvironmentRequest(variables));
    }

    /**
     * {@code POST /api/v1/git/clone}: clones the repository into the workspace; the token goes in the body, to
     * git's credential cache, never on a command line.
     *
     * @throws RuntimeProblemException 422 with the runtime's reason when the clone failed
     */
    public CloneResult cloneRepository(CloneRequest request) throws InterruptedException {
        return read(post("/api/v1/git/clone", request), CloneResult.class);
    }

    /** {@code PUT /api/v1/git/credentials}: gives a runtime started again the token of the repository's host. */
    public void gitCredentials(CloneRequest request) throws InterruptedException {
        send("PUT", "/api/v1/git/credentials", request);
    }

    /** What the clone takes; {@link #toString()} hides the token. */
    public record CloneRequest(String url, String username, String token, String branch, Integer depth,
            Integer timeoutSeconds, String authorName, String authorEmail) {
        @Override
        public String toString() {
            return "CloneRequest[" + url + "]";
        }
    }

    public record CloneResult(String branch, String commit, String directory) {
    }

    /** {@code PUT /api/v1/mcp/servers/{name}}: starts a stdio MCP server in the sandbox unless it runs with this command. */
    public JsonNode mcpStart(String name, String command, List<String> args) throws InterruptedException {
        return read(send("PUT", "/api/v1/mcp/servers/" + name, new McpStartRequest(command, args)), JsonNode.class);
    }

    /**
     * {@code POST /api/v1/mcp/servers/{name}/messages}: relays one JSON-RPC message; the answer holds the
     * {@code response} (for a request) and the server's {@code notifications} meanwhile.
     */
    public JsonNode mcpMessage(String name, JsonNode message, Duration timeout) throws InterruptedException {
        return read(send("POST", "/api/v1/mcp/servers/" + name + "/messages?timeoutMs=" + timeout.toMillis(), message,
                timeout.plus(readTimeout)), JsonNode.class);
    }

    private record McpStartRequest(String command, List<String> args) {
    }

    private record EnvironmentRequest(Map<String, String> variables) {
        @Override
        public String toString() {
            return "EnvironmentRequest" + variables.keySet();
        }
    }

    private String post(String path, Object body) throws InterruptedException {
        return send("POST", path, body);
    }

    private String send(String method, String path, Object body) throws InterruptedException {
        return send(method, path, body, readTimeout);
    }

    private String send(String method, String path, Object body, Duration timeout) throws InterruptedException {
        URI url = baseUrl.resolve(path);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header(GantryHeaders.SESSION_API_KEY, sessionKey)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a runtime request does not write as JSON", e);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new SandboxUnreachableException("the sandbox could not be reached: it is not running (paused,"
                    + " deleted or restarting)", false);
        } catch (IOException e) {
            throw new SandboxUnreachableException("the sandbox stopped answering during the call ("
                    + e.getClass().getSimpleName() + "), so the action may or may not have run", true);
        }
        if (response.statusCode() == UNAUTHORIZED) {
            // a runtime started again for the sandbox has a new key: this one never ran the call
            throw new SandboxUnreachableException("the sandbox was replaced by a new runtime", false);
        }
        if (response.statusCode() / 100 != 2) {
            throw new RuntimeProblemException(response.statusCode(), response.body());
        }
        return response.body();
    }

    private static <T> T read(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the sandbox runtime answered what is not a " + type.getSimpleName()
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "RuntimeClient[" + baseUrl + "]";
    }
}
