package dev.gantry.runtime.mcp;

import dev.gantry.runtime.config.RuntimeConfig;
import dev.gantry.runtime.terminal.TerminalService;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stdio MCP servers running in this sandbox, by name. Starting a name again with the same command
 * keeps the running server (a worker that takes a conversation over finds it); a different command, or
 * a server that is gone, is started afresh.
 */
@ApplicationScoped
public class McpServers {

    /** Whether a start found the server running or started it. */
    public record Started(StdioServer server, boolean started) {
    }

    private final RuntimeConfig.Mcp config;
    private final Path workspace;
    private final TerminalService terminal;
    private final Map<String, StdioServer> servers = new ConcurrentHashMap<>();

    McpServers(RuntimeConfig config, TerminalService terminal) {
        this.config = config.mcp();
        this.workspace = config.workspace();
        this.terminal = terminal;
    }

    /** Starts the server unless it runs with this very command already. */
    public synchronized Started start(String name, StdioServer.Spec spec) {
        StdioServer running = servers.get(name);
        if (running != null && running.alive() && running.spec().equals(spec)) {
            return new Started(running, false);
        }
        if (running != null) {
            running.stop();
            servers.remove(name);
        }
        if (servers.size() >= config.maxServers()) {
            throw McpRelayException.tooMany(config.maxServers());
        }
        try {
            StdioServer server = StdioServer.start(name, spec, workspace, terminal.programEnvironment(),
                    (int) Math.min(Integer.MAX_VALUE, config.maxMessageSize().asLongValue()));
            servers.put(name, server);
            Log.infof("MCP server %s started (pid %d)", name, server.pid());
            return new Started(server, true);
        } catch (IOException e) {
            throw McpRelayException.unstartable(name, e.getMessage());
        }
    }

    /** The server of that name, running or not (its failure says why not). */
    public StdioServer get(String name) {
        StdioServer server = servers.get(name);
        if (server == null) {
            throw McpRelayException.notStarted(name);
        }
        return server;
    }

    public List<StdioServer> list() {
        return servers.values().stream().sorted(Comparator.comparing(StdioServer::name)).toList();
    }

    public synchronized void stop(String name) {
        StdioServer server = servers.remove(name);
        if (server == null) {
            throw McpRelayException.notStarted(name);
        }
        server.stop();
    }

    @PreDestroy
    synchronized void stopAll() {
        servers.values().forEach(StdioServer::stop);
        servers.clear();
    }
}
