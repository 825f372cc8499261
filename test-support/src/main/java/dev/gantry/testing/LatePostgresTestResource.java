package dev.gantry.testing;

import dev.gantry.testing.net.LateTcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link PostgresTestResource}'s database (same init args), reached through a {@link LateTcpProxy}: for the first
 * {@code downSeconds} (init arg, default 6) the service finds no PostgreSQL, as right after a restart of it.
 */
public class LatePostgresTestResource extends PostgresTestResource {

    private static volatile LateTcpProxy proxy;
    private Duration downFor = Duration.ofSeconds(6);

    /** The proxy of the running test, to ask how many connections it refused. */
    public static LateTcpProxy proxy() {
        return proxy;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(initArgs);
        if (initArgs.containsKey("downSeconds")) {
            downFor = Duration.ofSeconds(Long.parseLong(initArgs.get("downSeconds")));
        }
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        String host = TestEnvironment.get("GANTRY_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(TestEnvironment.get("GANTRY_PG_PORT", "5432"));
        try {
            proxy = new LateTcpProxy(host, port, downFor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String target = host + ":" + port + "/";
        String late = "127.0.0.1:" + proxy.port() + "/";
        config.replaceAll((key, value) -> key.endsWith(".url") ? value.replace(target, late) : value);
        return config;
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
        super.stop();
    }
}
