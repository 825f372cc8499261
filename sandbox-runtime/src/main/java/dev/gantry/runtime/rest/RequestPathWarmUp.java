package dev.gantry.runtime.rest;

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
 * Warms the request path as soon as the HTTP server listens, so that a warm sandbox's first command does not pay
 * for the first use of the server's request handling and the problem answers. It sends itself, over loopback, a
 * terminal request <em>without</em> the session key, refused by the key filter (401) before any route: nothing runs,
 * nothing is journaled, the shell started ahead stays fresh, and the key never leaves the runtime (until the server
 * listens, the port might be another process's). Off with {@code gantry.runtime.terminal.prestart=false}, like the
 * shell started ahead.
 */
@ApplicationScoped
class RequestPathWarmUp {

    /** Refused for its missing key whatever it says. */
    private static final byte[] BODY = "{\"command\":\"true\"}".getBytes(StandardCharsets.UTF_8);
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
            if (send()) {
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

    private boolean send() {
        String head = "POST /api/v1/terminal HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + BODY.length + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(BODY);
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
