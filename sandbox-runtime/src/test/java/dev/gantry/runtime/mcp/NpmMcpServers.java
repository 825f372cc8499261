package dev.gantry.runtime.mcp;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real npm MCP servers deploy/local/mcp-servers.sh installs (./gantry test does) into a cache outside
 * the repository: {@code $GANTRY_MCP_CACHE}, by default {@code ~/.cache/gantry/npm}.
 */
public final class NpmMcpServers {

    private NpmMcpServers() {
    }

    /** The launcher of an installed server, e.g. {@code mcp-server-everything}. */
    public static String bin(String name) {
        String cache = System.getenv().getOrDefault("GANTRY_MCP_CACHE",
                System.getProperty("user.home") + "/.cache/gantry/npm");
        Path bin = Path.of(cache, "node_modules", ".bin", name);
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException(bin + " is missing: run deploy/local/mcp-servers.sh (./gantry test does)");
        }
        return bin.toString();
    }
}
