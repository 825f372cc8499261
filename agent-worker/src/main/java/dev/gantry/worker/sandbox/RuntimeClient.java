package dev.gantry.worker.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.contracts.GantryHeaders;
import dev.gantry.contracts.GantryJson;
import dev.gantry.platform.tracing.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tool API of one sandbox's runtime (ARCHITECTURE.md, "Sandbox runtime API"), called over the JDK's
 * HTTP client: a blocking call on the conversation's virtual thread, with no hop to an event loop and back,
 * because every agent step waits for it. One per sandbox; it carries the session key, which is never logged.
 * A call that carries out an action names it ({@code actionId}, the ActionEvent's id, in
 * {@value GantryHeaders#ACTION_ID}): the runtime runs it once and answers a repeat (after a take-over) with the
 * first answer.
 */
public final class RuntimeClient {

    private static final ObjectMapper JSON = GantryJson.mapper();
    private static final int UNAUTHORIZED = 401;
    private static final int NOT_FOUND = 404;
    /** Of a refusal's body, which is a short problem+json. */
    private static final int PROBLEM_BYTES = 16 * 1024;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TerminalRequest(String command, Boolean isInput, Integer timeoutSeconds, Boolean reset) {
    }

    public record TerminalResult(String output, int exitCode, String workingDir, boolean timedOut) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EditorRequest(String command, String path, String fileText, String oldStr, String newStr,
            Integer insertLine, List<Integer> viewRange) {
    }

    private static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

    private final HttpClient http;
    private final Tracing tracing;
    private final URI baseUrl;
    private final String sessionKey;
    private final Duration readTimeout;

    public RuntimeClient(HttpClient http, Tracing tracing, URI baseUrl, String sessionKey, Duration readTimeout) {
        this.tracing = tracing;
        this.http = http;
        this.baseUrl = baseUrl;
        this.sessionKey = sessionKey;
        this.readTimeout = readTimeout;
    }

    /** {@code POST /api/v1/terminal}, as no action (a key sent to the running command). */
    public TerminalResult terminal(TerminalRequest request) throws InterruptedException {
        return terminal(request, null);
    }

    /** {@code POST /api/v1/terminal}, carrying out the action {@code actionId} (null: none). */
    public TerminalResult terminal(TerminalRequest request, String actionId) throws InterruptedException {
        return read(send("POST", "/api/v1/terminal", request, readTimeout, actionId), TerminalResult.class);
    }

    /** {@code POST /api/v1/editor}, carrying out the action {@code actionId}: the runtime's answer as it is. */
    public JsonNode editor(EditorRequest request, String actionId) throws InterruptedException {
        return read(send("POST", "/api/v1/editor", request, readTimeout, actionId), JsonNode.class);
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
    public CloneResult cloneRepository(CloneRequest request, String actionId) throws InterruptedException {
        return read(send("POST", "/api/v1/git/clone", request, readTimeout, actionId), CloneResult.class);
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
    public JsonNode mcpMessage(String name, JsonNode message, Duration timeout, String actionId)
            throws InterruptedException {
        return read(send("POST", "/api/v1/mcp/servers/" + name + "/messages?timeoutMs=" + timeout.toMillis(), message,
                timeout.plus(readTimeout), actionId), JsonNode.class);
    }

    /**
     * {@code GET /api/v1/files/list}: a directory of the sandbox (a relative path is from the workspace), empty when it
     * does not exist.
     */
    public Optional<DirectoryListing> list(String path) throws InterruptedException {
        try {
            return Optional.of(read(get("/api/v1/files/list", path, HttpResponse.BodyHandlers.ofString(), true),
                    DirectoryListing.class));
        } catch (RuntimeProblemException e) {
            if (e.status() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code GET /api/v1/files}: the first {@code maxBytes} of a file of the sandbox, without reading the rest. */
    public FileStart download(String path, int maxBytes) throws InterruptedException {
        try (InputStream in = get("/api/v1/files", path, HttpResponse.BodyHandlers.ofInputStream(), false)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            return bytes.length > maxBytes ? new FileStart(Arrays.copyOf(bytes, maxBytes), false)
                    : new FileStart(bytes, true);
        } catch (IOException e) {
            throw new SandboxUnreachableException("the sandbox stopped answering while sending " + path, false);
        }
    }

    /** One entry of a directory: {@code type} is {@code file}, {@code directory}, {@code symlink} or {@code other}. */
    public record FileEntry(String name, String path, String type, long size) {
    }

    public record DirectoryListing(String path, List<FileEntry> entries) {
        public DirectoryListing {
            entries = entries == null ? List.of() : List.copyOf(entries);
        }
    }

    /** @param complete whether these bytes are the whole file */
    public record FileStart(byte[] bytes, boolean complete) {
    }

    private <T> T get(String route, String path, HttpResponse.BodyHandler<T> body, boolean json)
            throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(route + "?path="
                        + URLEncoder.encode(path, StandardCharsets.UTF_8)))
                .timeout(readTimeout)
                .header("Accept", json ? "application/json" : "application/octet-stream")
                .header(GantryHeaders.SESSION_API_KEY, sessionKey)
                .GET()
                .build();
        HttpResponse<T> response = exchange(request, body);
        if (response.statusCode() / 100 != 2) {
            throw new RuntimeProblemException(response.statusCode(), problemText(response.body()));
        }
        return response.body();
    }

    private static String problemText(Object body) {
        if (body instanceof InputStream in) {
            try (in) {
                return new String(in.readNBytes(PROBLEM_BYTES), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
        return String.valueOf(body);
    }

    private record McpStartRequest(String command, List<String> args) {
    }

    private record EnvironmentRequest(Map<String, String> variables) {
        @Override
        public String toString() {
            return "EnvironmentRequest" + variables.keySet();
        }
    }

    private String send(String method, String path, Object body) throws InterruptedException {
        return send(method, path, body, readTimeout, null);
    }

    private String send(String method, String path, Object body, Duration timeout, String actionId)
            throws InterruptedException {
        URI url = baseUrl.resolve(path);
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header(GantryHeaders.SESSION_API_KEY, sessionKey);
            if (actionId != null) {
                builder.header(GantryHeaders.ACTION_ID, actionId);
            }
            request = builder.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a runtime request does not write as JSON", e);
        }
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new RuntimeProblemException(response.statusCode(), response.body());
        }
        return response.body();
    }

    /** The call as a client span of the current trace, whose context the request carries to the runtime. */
    private <T> HttpResponse<T> exchange(HttpRequest untraced, HttpResponse.BodyHandler<T> body)
            throws InterruptedException {
        try (Tracing.ActiveSpan span = tracing.begin(untraced.method() + " " + untraced.uri().getPath(),
                SpanKind.CLIENT, Context.current())) {
            HttpRequest.Builder traced = HttpRequest.newBuilder(untraced, (name, value) -> true);
            tracing.inject(span.context(), traced::setHeader);
            span.span().setAttribute(HTTP_METHOD, untraced.method());
            try {
                HttpResponse<T> response = exchangeUntraced(traced.build(), body);
                span.span().setAttribute(HTTP_STATUS, response.statusCode());
                return response;
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    private <T> HttpResponse<T> exchangeUntraced(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws InterruptedException {
        HttpResponse<T> response;
        try {
            response = http.send(request, body);
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
        return response;
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
