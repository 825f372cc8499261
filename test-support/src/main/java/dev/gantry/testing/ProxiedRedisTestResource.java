package dev.gantry.testing;

import dev.gantry.testing.net.LateTcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * {@link RedisTestResource}'s server, reached through a {@link LateTcpProxy} that a test can {@linkplain
 * LateTcpProxy#cut(Duration) cut}: how a test takes Redis away from the service under test, and gives it back, without
 * touching the machine's server that other tests use.
 */
public class ProxiedRedisTestResource extends RedisTestResource {

    private static volatile LateTcpProxy proxy;

    /** The proxy of the running test. */
    public static LateTcpProxy proxy() {
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        super.start();
        String host = TestEnvironment.get("GANTRY_REDIS_HOST", "127.0.0.1");
        int port = Integer.parseInt(TestEnvironment.get("GANTRY_REDIS_PORT", "6379"));
        try {
            proxy = new LateTcpProxy(host, port, Duration.ZERO);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:%d".formatted(proxy.port()));
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.close();
            }
        } catch (IOException e) {
            // the JVM is done with it
        }
    }
}
