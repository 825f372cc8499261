package dev.gantry.worker.mcp;

import dev.gantry.platform.net.AddressPolicy;
import dev.gantry.platform.net.EgressProxy;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.ProxySelector;

/**
 * The way out for the MCP SDK's HTTP transports: their JDK client cannot be pinned to the address the outbound policy
 * checked, so it is sent through the worker's loopback {@link EgressProxy}, which resolves, checks and pins each
 * request's target. Started with the first HTTP MCP server a conversation uses.
 */
@Singleton
class McpEgress {

    private final Vertx vertx;
    private final AddressPolicy policy;
    private final McpConfig config;
    private EgressProxy proxy;

    McpEgress(Vertx vertx, AddressPolicy policy, McpConfig config) {
        this.vertx = vertx;
        this.policy = policy;
        this.config = config;
    }

    synchronized ProxySelector selector() {
        if (proxy == null) {
            proxy = EgressProxy.start(vertx, policy, config.connectTimeout());
        }
        return proxy.selector();
    }

    @PreDestroy
    synchronized void close() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
