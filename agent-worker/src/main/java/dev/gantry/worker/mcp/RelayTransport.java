package dev.gantry.worker.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.worker.sandbox.RuntimeClient;
import dev.gantry.worker.sandbox.RuntimeProblemException;
import dev.gantry.worker.sandbox.SandboxUnreachableException;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The MCP SDK's client transport for a stdio server running in the sandbox: each message the client sends
 * is relayed by the sandbox-runtime ({@code POST /api/v1/mcp/servers/{name}/messages}); the answer, and the
 * notifications the server sent meanwhile (such as {@code notifications/tools/list_changed}), are handed
 * back to the client. A relay failure (the server is gone, wrote garbage, did not answer) becomes the
 * request's JSON-RPC error, carrying the runtime's reason.
 */
public final class RelayTransport implements McpClientTransport {

    /** Where the sandbox's runtime is reached; it may wait for the sandbox to be ready. */
    @FunctionalInterface
    public interface Runtime {
        RuntimeClient get() throws InterruptedException;
    }

    /** The {@code _meta} key of a {@code tools/call} that names its action; see {@link #relay}. */
    public static final String ACTION_ID_META = "dev.gantry/actionId";

    private static final int INTERNAL_ERROR = -32603;

    private final String server;
    private final Runtime runtime;
    private final Duration timeout;
    private final McpJsonMapper json;
    private volatile Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler;

    RelayTransport(String server, Runtime runtime, Duration timeout, McpJsonMapper json) {
        this.server = server;
        this.runtime = runtime;
        this.timeout = timeout;
        this.json = json;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        this.handler = handler;
        return Mono.empty();
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.<Void>fromRunnable(() -> relay(message)).subscribeOn(Schedulers.boundedElastic());
    }

    private void relay(McpSchema.JSONRPCMessage message) {
        JsonNode answer;
        try {
            JsonNode outgoing = GantryJson.mapper().readTree(json.writeValueAsString(message));
            answer = runtime.get().mcpMessage(server, outgoing, timeout, takeActionId(outgoing));
        } catch (RuntimeProblemException e) {
            failed(message, e.getMessage());
            return;
        } catch (SandboxUnreachableException e) {
            failed(message, e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(message, "the call was interrupted");
            return;
        } catch (IOException e) {
            failed(message, "the message could not be written: " + e.getMessage());
            return;
        }
        answer.path("notifications").forEach(this::deliver);
        if (answer.hasNonNull("response")) {
            deliver(answer.get("response"));
        }
    }

    /**
     * The action a {@code tools/call} carries out, taken out of its {@code params._meta} (the server does not
     * see it): the runtime runs the call once per action and answers a repeat with the first answer.
     */
    static String takeActionId(JsonNode message) {
        JsonNode meta = message.path("params").path("_meta");
        if (!"tools/call".equals(message.path("method").asText()) || !(meta instanceof ObjectNode metaObject)
                || !metaObject.hasNonNull(ACTION_ID_META)) {
            return null;
        }
        String actionId = metaObject.remove(ACTION_ID_META).asText();
        if (metaObject.isEmpty()) {
            ((ObjectNode) message.get("params")).remove("_meta");
        }
        return actionId;
    }

    private void failed(McpSchema.JSONRPCMessage message, String reason) {
        if (message instanceof McpSchema.JSONRPCRequest request) {
            deliver(McpSchema.JSONRPCResponse.error(request.id(),
                    new McpSchema.JSONRPCResponse.JSONRPCError(INTERNAL_ERROR, reason)));
        } else {
            Log.debugf("MCP server %s: a notification was not relayed: %s", server, reason);
        }
    }

    private void deliver(JsonNode message) {
        try {
            deliver(McpSchema.deserializeJsonRpcMessage(json, message.toString()));
        } catch (IOException | IllegalArgumentException e) {
            Log.debugf("MCP server %s sent a message the client does not read: %s", server, e.getMessage());
        }
    }

    private void deliver(McpSchema.JSONRPCMessage message) {
        Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> current = handler;
        if (current != null) {
            current.apply(Mono.just(message)).subscribe(ignored -> { }, e -> Log.debugf("MCP server %s: %s", server, e));
        }
    }

    @Override
    public Mono<Void> closeGracefully() {
        // the server runs in the sandbox beyond this client: a worker that takes over finds it running
        handler = null;
        return Mono.empty();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return json.convertValue(data, type);
    }
}
