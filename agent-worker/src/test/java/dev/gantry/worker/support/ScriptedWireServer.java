package dev.gantry.worker.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.contracts.GantryJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * An HTTP server on 127.0.0.1 that answers each path from a script of raw answers, in order, and records every
 * request: the stand-in for the LLM providers that do not speak OpenAI's API (Anthropic's {@code /v1/messages},
 * Gemini's {@code :generateContent}, Ollama's {@code /api/chat}). The tests write the providers' own JSON, so
 * that the worker's real clients are what reads it. Each test asks for a {@link #prefix()} of its own, and so
 * for paths no other test answers.
 */
public final class ScriptedWireServer implements AutoCloseable {

    /** One request as the server received it. */
    public record Request(String method, String path, String query, Map<String, String> headers, JsonNode body) {

        /** A header's value, by its name in any case. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    private final Map<String, List<Request>> requests = new ConcurrentHashMap<>();

    private ScriptedWireServer(HttpServer server) {
        this.server = server;
    }

    public static ScriptedWireServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ScriptedWireServer wire = new ScriptedWireServer(server);
            server.createContext("/", wire::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return wire;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A path prefix no other caller gets, for a test's own endpoint: {@code url() + prefix() + "/v1"}. */
    public static String prefix() {
        return "/" + UUID.randomUUID();
    }

    /** The next request to {@code path} gets this status and JSON body. */
    public ScriptedWireServer answer(String path, int status, String json) {
        answers.computeIfAbsent(path, p -> new ArrayDeque<>()).add(new Answer(status, json));
        return this;
    }

    public ScriptedWireServer answer(String path, String json) {
        return answer(path, 200, json);
    }

    /** The requests to {@code path}, in the order they came. */
    public List<Request> requests(String path) {
        return List.copyOf(requests.getOrDefault(path, List.of()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] sent = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(", ", values)));
        JsonNode body = sent.length == 0 ? null : GantryJson.mapper().readTree(sent);
        requests.computeIfAbsent(path, p -> Collections.synchronizedList(new ArrayList<>()))
                .add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getQuery(), headers, body));
        Deque<Answer> queue = answers.get(path);
        Answer answer;
        synchronized (this) {
            answer = queue == null ? null : queue.poll();
        }
        if (answer == null) {
            answer = new Answer(500, "{\"error\": {\"message\": \"nothing scripted for " + path + "\"}}");
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
