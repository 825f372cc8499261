package dev.gantry.worker.mcp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** How the worker talks to the users' MCP servers ({@code gantry.worker.mcp.*}). */
@ConfigMapping(prefix = "gantry.worker.mcp")
public interface McpConfig {

    /** How long connecting and initialising a server may take (a stdio server's first npx download included). */
    @WithDefault("60s")
    Duration connectTimeout();

    /** How long one request (tools/list, tools/call) may wait for its answer, unless the server has its own. */
    @WithDefault("120s")
    Duration callTimeout();

    /** Per-server request timeouts, by server name: {@code gantry.worker.mcp.call-timeouts.<name>=5m}. */
    Map<String, Duration> callTimeouts();

    /** An observation longer than this is cut in the middle, like terminal output. */
    @WithDefault("30000")
    int maxObservationChars();

    default Duration callTimeout(String server) {
        return callTimeouts().getOrDefault(server, callTimeout());
    }
}
