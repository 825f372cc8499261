package dev.gantry.worker.support;

import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.auth.TestCallers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The routes of the other services the worker calls, over real HTTP, answered by the test: the
 * conversation-service's internal routes and the sandbox-manager's connection route. Like the services once
 * they verify callers, it answers only the worker's own token ({@link TestCallers#AGENT_WORKER_TOKEN} in
 * {@value InternalHeaders#SERVICE_TOKEN}): any other call, or one that also carries an identity header of
 * the old scheme, gets 401.
 */
public final class PlatformStub implements AutoCloseable {

    /** The headers of the old scheme, which a caller must no longer send. */
    public static final List<String> RETIRED_HEADERS = List.of("X-Gantry-Internal-Token", "X-Gantry-User",
            "X-Gantry-Roles");

    /** The credential headers one call carried (absent ones left out). */
    public record Credentials(String path, Map<String, String> headers) {
    }

    public record Conversation(UUID id, String ownerId, UUID sandboxId, AgentSettings settings) {
    }

    public record Connection(String runtimeUrl, String sessionApiKey) {
    }

    private final HttpServer server;
    private final Map<UUID, Conversation> conversations = new ConcurrentHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<UUID, Map<String, Object>> gitCredentials = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> gitOutages = new ConcurrentHashMap<>();
    private final Map<UUID, List<Map<String, Object>>> mcpServers = new ConcurrentHashMap<>();
    private final Map<UUID, List<Map<String, Object>>> skills = new ConcurrentHashMap<>();
    private final Map<UUID, Connection> connections = new ConcurrentHashMap<>();
    private final Set<UUID> notRunning = ConcurrentHashMap.newKeySet();
    private final List<Credentials> seen = new CopyOnWriteArrayList<>();

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

    /** What the conversation's repository is cloned with, as conversation-service answers it. */
    public void gitCredentials(UUID conversationId, Map<String, Object> credentials) {
        gitCredentials.put(conversationId, credentials);
    }

    /** The next {@code times} reads of the conversation's git credentials are answered 503, as a service starting. */
    public void gitCredentialsUnavailable(UUID conversationId, int times) {
        gitOutages.put(conversationId, new AtomicInteger(times));
    }

    /** The MCP servers of the conversation's owner, as conversation-service answers them. */
    public void mcpServers(UUID conversationId, List<Map<String, Object>> servers) {
        mcpServers.put(conversationId, List.copyOf(servers));
    }

    /** The skills of the conversation's owner, as conversation-service answers them. */
    public void skills(UUID conversationId, List<Map<String, Object>> ownersSkills) {
        skills.put(conversationId, List.copyOf(ownersSkills));
    }

    public void connection(UUID sandboxId, Connection connection) {
        notRunning.remove(sandboxId);
        connections.put(sandboxId, connection);
    }

    /** The sandbox is not running: its connection route answers 409, as the sandbox-manager's does. */
    public void notRunning(UUID sandboxId) {
        connections.remove(sandboxId);
        notRunning.add(sandboxId);
    }

    public Connection connection(UUID sandboxId) {
        return connections.get(sandboxId);
    }

    /** What each call so far carried, oldest first. */
    public List<Credentials> credentialsSeen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private boolean fromTheWorker(HttpExchange exchange) {
        Map<String, String> credentials = new TreeMap<>();
        for (String name : Stream.concat(Stream.of(InternalHeaders.SERVICE_TOKEN,
                InternalHeaders.AUTHORIZATION), RETIRED_HEADERS.stream()).toList()) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                credentials.put(name, value);
            }
        }
        seen.add(new Credentials(exchange.getRequestURI().getPath(), credentials));
        return credentials.equals(Map.of(InternalHeaders.SERVICE_TOKEN, TestCallers.AGENT_WORKER_TOKEN));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().substring(1).split("/");
            boolean internal = fromTheWorker(exchange);
            if (path.length >= 3 && path[0].equals("internal") && path[1].equals("conversations")) {
                if (!internal) {
                    send(exchange, 401, Map.of("title", "missing internal token"));
                    return;
                }
                UUID id = UUID.fromString(path[2]);
                if (path.length == 3) {
                    Conversation conversation = conversations.get(id);
                    send(exchange, conversation == null ? 404 : 200, conversation == null ? Map.of() : conversation);
                } else if (path[3].equals("git")) {
                    AtomicInteger outage = gitOutages.get(id);
                    if (outage != null && outage.getAndDecrement() > 0) {
                        send(exchange, 503, Map.of("title", "Service Unavailable"));
                        return;
                    }
                    Map<String, Object> credentials = gitCredentials.get(id);
                    send(exchange, credentials == null ? 404 : 200, credentials == null ? Map.of() : credentials);
                } else if (path[3].equals("mcp-servers")) {
                    send(exchange, 200, mcpServers.getOrDefault(id, List.of()));
                } else if (path[3].equals("skills")) {
                    send(exchange, 200, skills.getOrDefault(id, List.of()));
                } else {
                    String value = secrets.get(id + "/" + path[4]);
                    send(exchange, value == null ? 404 : 200, value == null ? Map.of() : Map.of("name", path[4], "value", value));
                }
            } else if (path.length == 3 && path[0].equals("sandboxes") && path[2].equals("connection")) {
                UUID sandboxId = UUID.fromString(path[1]);
                Connection connection = connections.get(sandboxId);
                int status = !internal ? 401 : connection != null ? 200 : notRunning.contains(sandboxId) ? 409 : 404;
                send(exchange, status, connection == null ? Map.of() : connection);
            } else {
                send(exchange, 404, Map.of("title", "no such route in the test stub"));
            }
        }
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
