package dev.gantry.worker.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.contracts.event.ConversationEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The routes of the other services the worker calls, over real HTTP, answered by the test: the
 * conversation-service's internal routes, the sandbox-manager's connection route, and the
 * event-store's read routes, which serve what {@link EventTap} read from the real event topic.
 */
public final class PlatformStub implements AutoCloseable {

    public static final String INTERNAL_TOKEN = "test-internal-token";

    public record Conversation(UUID id, String ownerId, UUID sandboxId, AgentSettings settings) {
    }

    public record Connection(String runtimeUrl, String sessionApiKey) {
    }

    private final HttpServer server;
    private final Map<UUID, Conversation> conversations = new ConcurrentHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<UUID, Connection> connections = new ConcurrentHashMap<>();

    private PlatformStub(HttpServer server) {
        this.server = server;
    }

    public static PlatformStub start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            PlatformStub stub = new PlatformStub(http);
            http.createContext("/", stub::handle);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void conversation(Conversation conversation) {
        conversations.put(conversation.id(), conversation);
    }

    public void secret(UUID conversationId, String name, String value) {
        secrets.put(conversationId + "/" + name, value);
    }

    public void connection(UUID sandboxId, Connection connection) {
        connections.put(sandboxId, connection);
    }

    public Connection connection(UUID sandboxId) {
        return connections.get(sandboxId);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().substring(1).split("/");
            Map<String, String> query = query(exchange.getRequestURI());
            boolean internal = INTERNAL_TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Gantry-Internal-Token"));
            if (path.length >= 3 && path[0].equals("internal") && path[1].equals("conversations")) {
                if (!internal) {
                    send(exchange, 401, Map.of("title", "missing internal token"));
                    return;
                }
                UUID id = UUID.fromString(path[2]);
                if (path.length == 3) {
                    Conversation conversation = conversations.get(id);
                    send(exchange, conversation == null ? 404 : 200, conversation == null ? Map.of() : conversation);
                } else {
                    String value = secrets.get(id + "/" + path[4]);
                    send(exchange, value == null ? 404 : 200, value == null ? Map.of() : Map.of("name", path[4], "value", value));
                }
            } else if (path.length == 3 && path[0].equals("sandboxes") && path[2].equals("connection")) {
                Connection connection = connections.get(UUID.fromString(path[1]));
                send(exchange, !internal ? 401 : connection == null ? 404 : 200, connection == null ? Map.of() : connection);
            } else if (path.length == 3 && path[0].equals("conversations")) {
                List<ConversationEvent> events = EventTap.get().events(UUID.fromString(path[1]));
                if (path[2].equals("head")) {
                    send(exchange, 200, Map.of("conversationId", path[1],
                            "lastSeq", events.isEmpty() ? 0 : events.get(events.size() - 1).seq()));
                } else {
                    long afterSeq = Long.parseLong(query.getOrDefault("afterSeq", "0"));
                    int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
                    long from = query.containsKey("pageId") ? Long.parseLong(query.get("pageId")) : afterSeq;
                    List<ConversationEvent> page = events.stream().filter(e -> e.seq() > from).limit(limit).toList();
                    ObjectNode body = GantryJson.mapper().createObjectNode();
                    body.set("items", GantryJson.mapper().valueToTree(page));
                    boolean more = !page.isEmpty() && events.stream().anyMatch(e -> e.seq() > page.get(page.size() - 1).seq());
                    body.put("nextPageId", more ? Long.toString(page.get(page.size() - 1).seq()) : null);
                    send(exchange, 200, body);
                }
            } else {
                send(exchange, 404, Map.of("title", "no such route in the test stub"));
            }
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new ConcurrentHashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2) {
                    query.put(kv[0], kv[1]);
                }
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = GantryJson.mapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
