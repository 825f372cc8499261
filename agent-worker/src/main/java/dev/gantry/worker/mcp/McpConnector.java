package dev.gantry.worker.mcp;

import dev.gantry.platform.net.AddressPolicy;
import dev.gantry.platform.net.RefusedUrlException;
import dev.gantry.worker.client.ConversationServiceClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;

/**
 * Connects the MCP SDK's client to one server: a {@code stdio} server through the sandbox-runtime's relay
 * (it runs inside the sandbox), a {@code streamable-http} or {@code sse} server from this worker, once its
 * URL passes the outbound address policy and its {@code secret:<name>} headers are resolved.
 */
@Singleton
public class McpConnector {

    private static final McpSchema.Implementation CLIENT = new McpSchema.Implementation("gantry-agent-worker", "0.1.0");

    private final McpConfig config;
    private final AddressPolicy policy;
    private final ConversationServiceClient conversations;
    private final McpJsonMapper json = McpJsonDefaults.getMapper();

    McpConnector(McpConfig config, AddressPolicy policy, ConversationServiceClient conversations) {
        this.config = config;
        this.policy = policy;
        this.conversations = conversations;
    }

    McpConfig config() {
        return config;
    }

    /**
     * A connected, initialised client.
     *
     * @throws McpUnavailableException naming why the server cannot be used
     */
    McpSyncClient connect(UUID conversationId, McpServerConfig server, RelayTransport.Runtime runtime,
            Runnable toolsChanged) throws InterruptedException {
        McpClientTransport transport = switch (server.transport()) {
            case "stdio" -> {
                try {
                    runtime.get().mcpStart(server.name(), server.command(), server.args());
                } catch (RuntimeException e) {
                    throw new McpUnavailableException(e.getMessage());
                }
                yield new RelayTransport(server.name(), runtime, config.callTimeout(server.name()), json);
            }
            case "streamable-http", "sse" -> http(conversationId, server);
            default -> throw new McpUnavailableException("its transport " + server.transport() + " is not known");
        };
        McpSyncClient client = McpClient.sync(transport)
                .clientInfo(CLIENT)
                .requestTimeout(config.callTimeout(server.name()))
                .initializationTimeout(config.connectTimeout())
                .toolsChangeConsumer(tools -> toolsChanged.run())
                .build();
        try {
            client.initialize();
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw new McpUnavailableException("it did not initialise: " + McpFailures.reason(e));
        }
    }

    private McpClientTransport http(UUID conversationId, McpServerConfig server) {
        try {
            policy.target(server.url());
        } catch (RefusedUrlException e) {
            throw new McpUnavailableException("its URL is refused: " + e.getMessage());
        }
        URI url = URI.create(server.url());
        String base = url.getScheme() + "://" + url.getRawAuthority();
        String endpoint = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder();
        server.headers().forEach((name, value) -> request.header(name, value.startsWith(McpServerConfig.SECRET_PREFIX)
                ? secret(conversationId, server, value.substring(McpServerConfig.SECRET_PREFIX.length())) : value));
        if (server.transport().equals("sse")) {
            return HttpClientSseClientTransport.builder(base).sseEndpoint(endpoint).requestBuilder(request)
                    .connectTimeout(config.connectTimeout()).jsonMapper(json).build();
        }
        return HttpClientStreamableHttpTransport.builder(base).endpoint(endpoint).requestBuilder(request)
                .connectTimeout(config.connectTimeout()).jsonMapper(json).build();
    }

    private String secret(UUID conversationId, McpServerConfig server, String name) {
        try {
            return conversations.secretValue(conversationId, name);
        } catch (RuntimeException e) {
            // the reason names the secret, never a value
            throw new McpUnavailableException("its header secret " + name + " could not be read");
        }
    }
}
