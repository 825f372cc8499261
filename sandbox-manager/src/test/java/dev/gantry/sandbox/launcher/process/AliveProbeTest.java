package dev.gantry.sandbox.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gantry.sandbox.client.RuntimeClient;
import dev.gantry.sandbox.client.RuntimeProbe;
import dev.gantry.sandbox.config.SandboxConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AliveProbeTest {

    @Test
    void aStartingRuntimeIsAskedForAliveOnlyOnceItsPortAcceptsConnections() throws Exception {
        SandboxConfig config = LauncherConfigs.of(Map.of());
        AtomicInteger asked = new AtomicInteger();
        RuntimeClient counting = new RuntimeClient(config) {
            @Override
            public boolean alive(URI baseUrl, Duration timeout) {
                asked.incrementAndGet();
                return super.alive(baseUrl, timeout);
            }
        };
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        HttpServer runtime = HttpServer.create();
        runtime.createContext("/alive", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        Thread startsLater = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(500);
                runtime.bind(new InetSocketAddress("127.0.0.1", port), 0);
                runtime.start();
            } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            long began = System.nanoTime();
            new RuntimeProbe(counting, config).awaitAlive(URI.create("http://127.0.0.1:" + port),
                    Instant.now().plusSeconds(10), Optional::empty);

            assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            // polled every 20 ms for half a second: only the bare connects were refused, no HTTP request was made
            assertThat(asked.get()).isEqualTo(1);
        } finally {
            startsLater.join();
            runtime.stop(0);
        }
    }
}
