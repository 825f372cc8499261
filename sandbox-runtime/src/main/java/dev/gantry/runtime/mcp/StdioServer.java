package dev.gantry.runtime.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.contracts.GantryJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stdio MCP server the runtime started in the workspace: newline-delimited JSON-RPC on its stdin and
 * stdout. Requests are relayed under ids of the runtime's own (so two callers never collide) and matched
 * back to the caller's; notifications the server sends are kept until the next exchange hands them over;
 * requests the server makes are answered here (a ping) or refused. The {@code initialize} answer is kept,
 * so a second client (a worker that took the conversation over) is answered from it and the server is not
 * initialised twice.
 */
public final class StdioServer {

    /** What was started: the command and its arguments. */
    public record Spec(String command, List<String> args) {
    }

    /** A relayed request's answer (null for a notification) and the server's notifications since the last exchange. */
    public record Exchange(JsonNode response, List<JsonNode> notifications) {
    }

    private static final ObjectMapper JSON = GantryJson.mapper();
    private static final int KEPT_NOTIFICATIONS = 200;
    private static final int STDERR_TAIL = 2000;
    private static final int GARBAGE_SHOWN = 200;
    private static final int METHOD_NOT_FOUND = -32601;

    private final String name;
    private final Spec spec;
    private final Process process;
    private final OutputStream stdin;
    private static final Duration ERROR_OUTPUT_WAIT = Duration.ofSeconds(1);
    private final int maxMessageChars;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final ArrayDeque<JsonNode> notifications = new ArrayDeque<>();
    private final StringBuilder stderr = new StringBuilder();
    private volatile JsonNode initializeResult;
    private volatile boolean initializedSent;
    /** Why the server is gone, once it is. */
    private volatile String failure;
    /** Reads the server's error output; joined before an exit reason quotes it. */
    private Thread errorReader;

    private StdioServer(String name, Spec spec, Process process, int maxMessageChars) {
        this.name = name;
        this.spec = spec;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.maxMessageChars = maxMessageChars;
    }

    /**
     * Starts the command in the workspace with the given environment.
     *
     * @throws IOException when the command cannot be started (missing, not executable)
     */
    static StdioServer start(String name, Spec spec, Path workspace, Map<String, String> environment,
            int maxMessageChars) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(spec.command());
        command.addAll(spec.args());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workspace.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        StdioServer server = new StdioServer(name, spec, builder.start(), maxMessageChars);
        Thread.ofPlatform().daemon().name("mcp-" + name + "-out").start(server::readMessages);
        server.errorReader = Thread.ofPlatform().daemon().name("mcp-" + name + "-err").start(server::readErrors);
        return server;
    }

    public String name() {
        return name;
    }

    public Spec spec() {
        return spec;
    }

    public boolean alive() {
        return failure == null && process.isAlive();
    }

    /** Why the server is no longer running, or null while it runs. */
    public String failure() {
        return failure != null ? failure : process.isAlive() ? null : exitReason();
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Relays one message: a request waits up to the timeout for its answer; a notification is only written.
     *
     * @throws McpRelayException when the server is gone, wrote garbage, or did not answer in time
     */
    public Exchange exchange(ObjectNode message, Duration timeout) throws InterruptedException {
        String method = message.path("method").asText(null);
        boolean request = message.has("id") && method != null;
        if (request && "initialize".equals(method) && initializeResult != null) {
            return new Exchange(answer(message.get("id"), initializeResult), drainNotifications());
        }
        if (!request) {
            if (!"notifications/initialized".equals(method) || !initializedSent) {
                write(message);
                initializedSent |= "notifications/initialized".equals(method);
            }
            return new Exchange(null, drainNotifications());
        }
        long relayId = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(relayId, answer);
        ObjectNode relayed = message.deepCopy();
        relayed.put("id", relayId);
        try {
            write(relayed);
            JsonNode response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            ObjectNode forCaller = ((ObjectNode) response).deepCopy();
            forCaller.set("id", message.get("id"));
            if ("initialize".equals(method) && response.has("result")) {
                initializeResult = response.get("result");
            }
            return new Exchange(forCaller, drainNotifications());
        } catch (TimeoutException e) {
            cancel(relayId);
            throw McpRelayException.timeout(name, method, timeout);
        } catch (ExecutionException e) {
            throw (McpRelayException) e.getCause();
        } finally {
            pending.remove(relayId);
        }
    }

    /** Ends the server and everything it started. */
    public void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        if (failure == null) {
            failure = "it was stopped";
        }
        failAll(McpRelayException.gone(name, failure));
    }

    private void cancel(long relayId) {
        ObjectNode cancelled = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/cancelled");
        cancelled.putObject("params").put("requestId", relayId).put("reason", "the caller stopped waiting");
        try {
            write(cancelled);
        } catch (McpRelayException ignored) {
            // the server is gone: nothing to cancel
        }
    }

    private void write(JsonNode message) {
        if (!alive()) {
            throw McpRelayException.gone(name, failure());
        }
        try {
            byte[] line = (JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (stdin) {
                stdin.write(line);
                stdin.flush();
            }
        } catch (IOException e) {
            throw McpRelayException.gone(name, failure() != null ? failure() : "its input closed");
        }
    }

    private void readMessages() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!line.isBlank()) {
                    received(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure == null) {
            failure = exitReason();
        }
        failAll(McpRelayException.gone(name, failure));
    }

    private void received(String line) {
        JsonNode message;
        try {
            message = line.length() > maxMessageChars ? null : JSON.readTree(line);
        } catch (JsonProcessingException e) {
            message = null;
        }
        if (!(message instanceof ObjectNode object)) {
            failAll(McpRelayException.garbage(name, line.length() > GARBAGE_SHOWN
                    ? line.substring(0, GARBAGE_SHOWN) + "… (" + line.length() + " characters)" : line));
            return;
        }
        String method = object.path("method").asText(null);
        if (method == null) {
            CompletableFuture<JsonNode> waiting = object.path("id").canConvertToLong()
                    ? pending.get(object.path("id").asLong()) : null;
            if (waiting != null) {
                waiting.complete(object);
            }
        } else if (object.has("id")) {
            // the relay offers the server no client capabilities: only a ping is answered
            ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0").set("id", object.get("id"));
            if ("ping".equals(method)) {
                reply.putObject("result");
            } else {
                reply.putObject("error").put("code", METHOD_NOT_FOUND)
                        .put("message", "the Gantry sandbox relay does not serve " + method);
            }
            try {
                write(reply);
            } catch (McpRelayException ignored) {
                // gone meanwhile
            }
        } else {
            synchronized (notifications) {
                if (notifications.size() == KEPT_NOTIFICATIONS) {
                    notifications.removeFirst();
                }
                notifications.addLast(object);
            }
        }
    }

    private void readErrors() {
        byte[] buffer = new byte[4096];
        try (InputStream err = process.getErrorStream()) {
            int read;
            while ((read = err.read(buffer)) != -1) {
                synchronized (stderr) {
                    stderr.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    if (stderr.length() > STDERR_TAIL) {
                        stderr.delete(0, stderr.length() - STDERR_TAIL);
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private String exitReason() {
        if (!process.isAlive() && errorReader != null) {
            try {
                // the last lines a dying server wrote are usually why it died: read them to the end
                errorReader.join(ERROR_OUTPUT_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String tail;
        synchronized (stderr) {
            tail = stderr.toString().strip();
        }
        String code = process.isAlive() ? "closed its output" : "exited with code " + process.exitValue();
        return tail.isEmpty() ? code : code + "; its last error output: " + tail;
    }

    private void failAll(McpRelayException reason) {
        pending.values().forEach(f -> f.completeExceptionally(reason));
    }

    private List<JsonNode> drainNotifications() {
        synchronized (notifications) {
            List<JsonNode> drained = List.copyOf(notifications);
            notifications.clear();
            return drained;
        }
    }

    private static ObjectNode answer(JsonNode id, JsonNode result) {
        ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result);
        return response;
    }
}
