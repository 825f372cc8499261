package dev.gantry.testing.mcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The real npm MCP servers deploy/local/mcp-servers.sh installs (./gantry test does) into a cache outside
 * the repository: {@code $GANTRY_MCP_CACHE}, by default {@code ~/.cache/gantry/npm}.
 */
public final class NpmMcpServers {

    private NpmMcpServers() {
    }

    /** The cache directory the servers are installed in. */
    public static Path cache() {
        return Path.of(System.getenv().getOrDefault("GANTRY_MCP_CACHE",
                System.getProperty("user.home") + "/.cache/gantry/npm"));
    }

    /** The launcher of an installed server, e.g. {@code mcp-server-everything}. */
    public static String bin(String name) {
        Path bin = cache().resolve("node_modules").resolve(".bin").resolve(name);
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException(bin + " is missing: run deploy/local/mcp-servers.sh (./gantry test does)");
        }
        return bin.toString();
    }

    /** server-everything over streamable HTTP on a free port of this machine; its endpoint is /mcp. */
    public static Process everythingOverHttp(int port) {
        return everything("streamableHttp", port);
    }

    /** server-everything over the older HTTP+SSE transport on a free port; its event stream is /sse. */
    public static Process everythingOverSse(int port) {
        return everything("sse", port);
    }

    private static Process everything(String transport, int port) {
        try {
            ProcessBuilder builder = new ProcessBuilder(bin("mcp-server-everything"), transport)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("PORT", Integer.toString(port));
            Process process = builder.start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (Instant.now().isBefore(deadline)) {
                try (Socket ignored = new Socket("127.0.0.1", port)) {
                    return process;
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("server-everything did not listen on port " + port + " within 30s");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
