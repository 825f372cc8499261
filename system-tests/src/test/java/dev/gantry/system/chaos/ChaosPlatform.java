package dev.gantry.system.chaos;

import dev.gantry.system.platform.KafkaProcess;
import dev.gantry.system.platform.Platform;
import dev.gantry.system.platform.ServiceProcess;
import dev.gantry.system.platform.TcpProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The platform of the chaos suite and the load run: the six services with two agent-worker replicas, a Kafka
 * broker as a process of its own (killed and started again on its data), and the machine's PostgreSQL and Redis
 * behind proxies the suite cuts and restores (they are shared with others on this machine: never stopped).
 */
public final class ChaosPlatform implements FaultInjector {

    private static final Duration READY = Duration.parse(System.getProperty("gantry.platform.start-timeout", "PT3M"));

    private final KafkaProcess kafka;
    private final TcpProxy postgres;
    private final TcpProxy redis;
    private final Platform platform;

    private ChaosPlatform(KafkaProcess kafka, TcpProxy postgres, TcpProxy redis, Platform platform) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.redis = redis;
        this.platform = platform;
    }

    /** Starts it all under {@code system-tests/target/<homeName>}. */
    public static ChaosPlatform start(String homeName) throws Exception {
        Path home = Files.createDirectories(Platform.REPO.resolve("system-tests/target").resolve(homeName));
        Path logs = Files.createDirectories(home.resolve("logs"));
        deleteTree(home.resolve("kafka"));
        KafkaProcess kafka = new KafkaProcess(home.resolve("kafka"), logs).startFresh();
        String pgHost = env("GANTRY_PG_HOST", "127.0.0.1");
        String pgPort = env("GANTRY_PG_PORT", "5432");
        TcpProxy postgres = new TcpProxy("postgresql", pgHost, Integer.parseInt(pgPort));
        TcpProxy redis = new TcpProxy("redis", env("GANTRY_REDIS_HOST", "127.0.0.1"),
                Integer.parseInt(env("GANTRY_REDIS_PORT", "6379")));
        String direct = pgHost + ":" + pgPort + "/";
        String proxied = "127.0.0.1:" + postgres.port() + "/";
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kafka.kill();
            } catch (InterruptedException ignored) {
                // the JVM is ending
            }
        }, "chaos-kafka-stop"));
        try {
            Platform platform = Platform.start(new Platform.Setup(homeName, "gantry_chaos", kafka.bootstrapServers(),
                    "redis://127.0.0.1:" + redis.port(), url -> url.replace(direct, proxied), 2));
            return new ChaosPlatform(kafka, postgres, redis, platform);
        } catch (RuntimeException e) {
            kafka.close();
            postgres.close();
            redis.close();
            throw e;
        }
    }

    @Override
    public Platform platform() {
        return platform;
    }

    public KafkaProcess kafka() {
        return kafka;
    }

    public ServiceProcess service(String name) {
        return platform.service(name);
    }

    @Override
    public void inject(Fault fault) throws Exception {
        switch (fault) {
            case AGENT_WORKER_WITH_PEER -> platform.crashAndRestart("agent-worker");
            case AGENT_WORKER_ALONE -> {
                // the peer stopped as an operator stops it, then the last worker killed mid-step
                service("agent-worker-2").close();
                Thread.sleep(3000);
                platform.crashAndRestart("agent-worker");
                service("agent-worker-2").start().awaitReady(READY);
            }
            case EVENT_STORE -> platform.crashAndRestart("event-store");
            case CONVERSATION_SERVICE -> platform.crashAndRestart("conversation-service");
            case SANDBOX_MANAGER -> platform.crashAndRestart("sandbox-manager");
            case INTEGRATIONS_SERVICE -> platform.crashAndRestart("integrations-service");
            case GATEWAY -> platform.crashAndRestart("gateway");
            case KAFKA -> {
                kafka.kill();
                Thread.sleep(3000);
                kafka.start();
            }
            case POSTGRESQL -> outage(postgres);
            case REDIS -> outage(redis);
        }
    }

    private static void outage(TcpProxy proxy) throws Exception {
        proxy.cut();
        Thread.sleep(5000);
        proxy.restore();
    }

    @Override
    public void close() throws Exception {
        platform.close();
        kafka.close();
        postgres.close();
        redis.close();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var tree = Files.walk(dir)) {
            tree.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
