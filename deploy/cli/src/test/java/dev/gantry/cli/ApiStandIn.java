package dev.gantry.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.event.ConversationEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The public API over real HTTP for the CLI's tests: canned answers by method and path, every request
 * recorded, and event streams the test feeds one event at a time (and breaks when it wants).
 */
public final class ApiStandIn implements AutoCloseable {

    public static final String TOKEN = "test-token";
    private static final Object BREAK = new Object();

    /** {@code METHOD /path?query body}, in the order they came (stream requests excepted). */
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    /** The {@code Last-Event-ID} of each stream request. */
    public final List<String> lastEventIds = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String[]> answers = new ConcurrentHashMap<>();
    private final BlockingQueue<Object> stream = new LinkedBlockingQueue<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;

    public ApiStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers {@code METHOD /path} (query ignored) with this status and JSON body. */
    public ApiStandIn answer(String methodAndPath, int status, String json) {
        answers.put(methodAndPath, new String[] {Integer.toString(status), json});
        return this;
    }

    /** Sends an event on the open stream (or the next one opened). */
    public void send(ConversationEvent event) {
        stream.add(event);
    }

    /** Ends the open stream, as a dropped connection does. */
    public void breakStream() {
        stream.add(BREAK);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"type\":\"https://gantry.dev/problems/unauthorized\",\"title\":\"Unauthorized\","
                    + "\"status\":401,\"detail\":\"the token is not valid\"}");
            return;
        }
        if (path.endsWith("/events/stream")) {
            lastEventIds.add(exchange.getRequestHeaders().getFirst("Last-Event-ID"));
            stream(exchange);
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query)
                + (body.isEmpty() ? "" : " " + body));
        String[] answer = answers.get(exchange.getRequestMethod() + " " + path);
        if (answer == null) {
            respond(exchange, 404, "{\"type\":\"https://gantry.dev/problems/not-found\",\"title\":\"Not Found\","
                    + "\"status\":404}");
        } else {
            respond(exchange, Integer.parseInt(answer[0]), answer[1]);
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(": heartbeat\n\n".getBytes(StandardCharsets.UTF_8));
            body.flush();
            while (true) {
                Object next = stream.take();
                if (next == BREAK) {
                    return;
                }
                ConversationEvent event = (ConversationEvent) next;
                body.write(("id: " + event.seq() + "\nevent: " + event.kind() + "\ndata: "
                        + GantryJson.mapper().writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
                body.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientLeft) {
            // the CLI closed its stream
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } else {
            exchange.close();
        }
    }

    @Override
    public void close() {
        stream.add(BREAK);
        server.stop(0);
        threads.shutdownNow();
    }
}
