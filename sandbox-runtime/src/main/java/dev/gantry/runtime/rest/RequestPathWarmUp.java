package dev.gantry.runtime.rest;

import dev.gantry.contracts.GantryHeaders;
import dev.gantry.runtime.config.RuntimeConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Warms the terminal's request path as soon as the HTTP server listens, so that a warm sandbox's first command
 * does not pay for the first use of the route, the session-key check, the JSON mapping and the problem answers
 * (about 100 ms of a 2-core machine's time, measured with {@code ./gantry bench sandboxes}). It sends itself,
 * over loopback with its own session key, a terminal request that is refused before it reaches the shell (two
 * commands at once: 422): nothing runs, nothing is journaled, the shell started ahead stays fresh. Off with
 * {@code gantry.runtime.terminal.prestart=false}, like the shell started ahead.
 */
@ApplicationScoped
class RequestPathWarmUp {

    /** Two commands at once: refused by the terminal before it takes the shell. */
    private static final String REFUSED_BODY = "{\"command\":\"true\\ntrue\"}";
    private static final int TIMEOUT_MILLIS = 10_000;

    private final RuntimeConfig config;
    private final int port;

    RequestPathWarmUp(RuntimeConfig config, @ConfigProperty(name = "quarkus.http.port") int port) {
        this.config = config;
        this.port = port;
    }

    /** Not under tests, whose server listens on a test port of its own. */
    void warm(@Observes StartupEvent start) {
        if (!config.terminal().prestart() || port <= 0 || LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        Thread.ofVirtual().name("gantry-request-warm-up").start(this::sendWhenListening);
    }

    /** The server may start listening just after the start-up event: a few tries, briefly apart. */
    private void sendWhenListening() {
        for (int attempt = 0; attempt < 50; attempt++) {
            if (send(port)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean send(int port) {
        byte[] body = REFUSED_BODY.getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/v1/terminal HTTP/1.1\r\nHost: 127.0.0.1\r\n" + GantryHeaders.SESSION_API_KEY + ": "
                + config.sessionApiKey() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            in.readAllBytes();
            return true;
        } catch (IOException e) {
            // only a missed head start: the first real command warms the path itself
            Log.debugf("the request path could not be warmed yet: %s", e.toString());
            return false;
        }
    }
}
