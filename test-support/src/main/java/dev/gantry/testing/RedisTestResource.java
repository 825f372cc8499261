package dev.gantry.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The machine's Redis at {@code GANTRY_REDIS_HOST}:{@code GANTRY_REDIS_PORT} (127.0.0.1:6379),
 * checked with a PING before Quarkus starts so a missing server is named, not a timeout.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String host = TestEnvironment.get("GANTRY_REDIS_HOST", "127.0.0.1");
        int port = Integer.parseInt(TestEnvironment.get("GANTRY_REDIS_PORT", "6379"));
        ping(host, port);
        return Map.of("quarkus.redis.hosts", "redis://%s:%d".formatted(host, port));
    }

    @Override
    public void stop() {
        // the server is the machine's
    }

    private static void ping(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            if (!new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG")) {
                throw new IOException("unexpected reply to PING: " + new String(reply, StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new IllegalStateException("""
                    Redis is needed by this test and is not usable at %s:%d (%s).
                    Start it, or run deploy/local/infra-up.sh, which installs and starts it.
                    Another server: set GANTRY_REDIS_HOST and GANTRY_REDIS_PORT.""".formatted(host, port, e.getMessage()), e);
        }
    }
}
