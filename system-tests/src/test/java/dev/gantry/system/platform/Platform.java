package dev.gantry.system.platform;

import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PostgresTestResource;
import dev.gantry.testing.git.GitHttpServer;
import dev.gantry.testing.mcp.NpmMcpServers;
import dev.gantry.testing.llm.ScriptedLlmServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.security.SecureRandom;
import java.util.function.UnaryOperator;

/**
 * The whole platform for the system tests, started once per test JVM: a real Kafka broker, the
 * machine's PostgreSQL and Redis, the scripted LLM, a git server on this machine (a self-hosted git
 * host, the one host port the sandboxes may reach), and the six services as separate processes
 * from their built jars, sandboxes as local sandbox-runtime processes. Tests talk to it only
 * through the gateway's public API.
 */
public final class Platform implements AutoCloseable {

    public static final Path REPO = Path.of(System.getProperty("gantry.repo", "..")).toAbsolutePath().normalize();
    /** How long a service may take to be ready: longer on a loaded machine ({@code -Dgantry.platform.start-timeout=PT8M}). */
    private static final Duration START_TIMEOUT = Duration.parse(System.getProperty("gantry.platform.start-timeout", "PT3M"));
    /** Set by the benchmark profile: long conversations and a warm pool. */
    private static final boolean BENCHMARK = Boolean.getBoolean("gantry.benchmark");

    private static Platform instance;

    /**
     * What a platform runs on: its home under {@code system-tests/target}, the prefix of its databases, its
     * Kafka and Redis, how its PostgreSQL address is reached (the chaos suite puts a proxy in between) and how
     * many agent-worker replicas it runs ({@code agent-worker}, {@code agent-worker-2}, ...).
     */
    public record Setup(String homeName, String databasePrefix, String kafkaBootstrapServers, String redisUrl,
            UnaryOperator<String> databaseAddress, int workers) {

        static Setup shared() {
            return new Setup("system-home", "gantry_system", KafkaTestResource.bootstrapServers(),
                    "redis://127.0.0.1:6379", UnaryOperator.identity(), 1);
        }
    }

    private final Setup setup;
    private boolean stopped;
    private final Path home;
    private final ScriptedLlmServer llm;
    private final OtlpReceiver traces;
    private final GitHttpServer git;
    private final Path gitRoot;
    private final String gitToken;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> defined = new HashMap<>();
    private final Map<String, String> common;
    private final InternalCredentials credentials = InternalCredentials.generate();

    private Platform(Path home, Setup setup) throws IOException {
        this.home = home;
        this.setup = setup;
        this.llm = ScriptedLlmServer.start();
        this.traces = OtlpReceiver.start();
        SecureRandom random = new SecureRandom();
        byte[] tokenBytes = new byte[18];
        random.nextBytes(tokenBytes);
        this.gitToken = "ghp_" + HexFormat.of().formatHex(tokenBytes);
        this.gitRoot = Files.createTempDirectory(Files.createDirectories(home), "git-server-");
        this.git = GitHttpServer.start(gitRoot, gitToken);
        byte[] masterKey = new byte[32];
        random.nextBytes(masterKey);
        common = Map.ofEntries(
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", setup.kafkaBootstrapServers()),
                Map.entry("QUARKUS_REDIS_HOSTS", setup.redisUrl()),
                Map.entry("GANTRY_HOME", home.toString()),
                Map.entry("GANTRY_SECRETS_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey)),
                // as ./gantry up: the tests' LLM and callback receivers listen on this machine
                Map.entry("GANTRY_OUTBOUND_ALLOW_PRIVATE_ADDRESSES", "true"),
                // every service traces to the receiver, over OTLP/HTTP, exporting its spans within a moment
                Map.entry("GANTRY_OTEL_ENDPOINT", traces.endpoint()),
                Map.entry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf"),
                Map.entry("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"));
    }

    /** The running platform, started on first use. */
    public static synchronized Platform get() {
        if (instance == null) {
            instance = start(Setup.shared());
        }
        return instance;
    }

    /** A platform of its own on {@code setup}, stopped by {@link #close()} (or at the JVM's exit). */
    public static Platform start(Setup setup) {
        try {
            Path home = Files.createDirectories(REPO.resolve("system-tests/target").resolve(setup.homeName()));
            Platform platform = new Platform(home, setup);
            Runtime.getRuntime().addShutdownHook(new Thread(platform::stopAll, "platform-stop"));
            try {
                platform.start();
            } catch (Exception | Error e) {
                // no process of a platform that failed to start outlives it
                platform.stopAll();
                throw e;
            }
            return platform;
        } catch (Exception e) {
            throw new IllegalStateException("the platform did not start: " + e.getMessage(), e);
        }
    }

    private void start() throws Exception {
        Map<String, String> conversations = new HashMap<>(database(setup.databasePrefix() + "_conversations"));
        // a queue shows with a handful of one user's conversations (AdmissionSystemTest); the benchmark runs twenty
        // of one user's at once, as it did before admission
        conversations.put("GANTRY_CONVERSATIONS_ADMISSION_MAX_RUNNING_PER_USER", BENCHMARK ? "20" : "3");
        // the load run's baseline: -Dgantry.platform.admission=false runs every conversation at once
        conversations.put("GANTRY_CONVERSATIONS_ADMISSION_ENABLED", System.getProperty("gantry.platform.admission", "true"));
        // the load run compares platform limits: -Dgantry.platform.max-running=8
        String maxRunning = System.getProperty("gantry.platform.max-running");
        if (maxRunning != null && !maxRunning.isBlank()) {
            conversations.put("GANTRY_CONVERSATIONS_ADMISSION_MAX_RUNNING", maxRunning);
        } else if (BENCHMARK) {
            // twenty at once, as when the figures were first measured, whatever the cores
            conversations.put("GANTRY_CONVERSATIONS_ADMISSION_MAX_RUNNING", "20");
        }
        Map<String, String> events = database(setup.databasePrefix() + "_events");
        int conversationPort = freePort();
        int sandboxPort = freePort();
        int eventStorePort = freePort();
        int integrationsPort = freePort();
        int gatewayPort = freePort();
        String conversationUrl = "http://127.0.0.1:" + conversationPort;
        String sandboxUrl = "http://127.0.0.1:" + sandboxPort;
        String eventStoreUrl = "http://127.0.0.1:" + eventStorePort;

        define("event-store", eventStorePort, events);
        define("conversation-service", conversationPort, conversations);
        define("sandbox-manager", sandboxPort, Map.of(
                "GANTRY_SANDBOX_PROCESS_ROOT", home.resolve("sandboxes").toString(),
                "GANTRY_SANDBOX_PROCESS_WORKSPACES", home.resolve("workspaces").toString(),
                "GANTRY_SANDBOX_PROCESS_RUNTIME_JAR", jar("sandbox-runtime").toString(),
                // the tests find a conversation's workspace at <root>/<sandboxId>: no pooled sandboxes, but
                // for the benchmark, which measures claims from the pool
                "GANTRY_SANDBOX_TEMPLATES_DEFAULT_WARM_POOL_SIZE", BENCHMARK ? "2" : "0",
                // the git server on this machine, as an operator opens a self-hosted one: its port alone
                "GANTRY_SANDBOX_PROCESS_BUBBLEWRAP_REACHABLE_HOST_PORTS", Integer.toString(git.port()),
                // the npm MCP servers the tests installed, seen read-only by every sandbox (stdio servers run there)
                "GANTRY_SANDBOX_PROCESS_BUBBLEWRAP_SHARED_DIRS", Files.isDirectory(NpmMcpServers.cache())
                        ? NpmMcpServers.cache().toString() : ""));
        Map<String, String> worker = new HashMap<>(Map.of(
                "QUARKUS_REST_CLIENT_EVENT_STORE_URL", eventStoreUrl,
                "QUARKUS_REST_CLIENT_SANDBOX_MANAGER_URL", sandboxUrl,
                "QUARKUS_REST_CLIENT_CONVERSATION_SERVICE_URL", conversationUrl,
                "QUARKUS_REST_CLIENT_INTEGRATIONS_SERVICE_URL", "http://127.0.0.1:" + integrationsPort,
                "GANTRY_WORKER_MAX_ITERATIONS", BENCHMARK ? "2000" : "100",
                // as ./gantry up: the agent is told the workspace by its sandbox's id, which the manager links
                "GANTRY_WORKER_WORKSPACE_PATH", home.resolve("workspaces").resolve("{sandboxId}").toString()));
        // the load run pauses the sandboxes of ended conversations sooner than the default 2 minutes: hundreds of
        // conversations end per minute there, and each running sandbox holds a runtime of ~100 MB
        String pauseAfterEnd = System.getProperty("gantry.platform.sandbox-pause-after-end", "");
        if (!pauseAfterEnd.isBlank()) {
            worker.put("GANTRY_WORKER_SANDBOX_PAUSE_AFTER_END", pauseAfterEnd);
        }
        for (int replica = 1; replica <= setup.workers(); replica++) {
            define(replica == 1 ? "agent-worker" : "agent-worker-" + replica, freePort(), worker);
        }
        define("integrations-service", integrationsPort, Map.of(
                "QUARKUS_REST_CLIENT_CONVERSATION_SERVICE_URL", conversationUrl,
                "QUARKUS_REST_CLIENT_EVENT_STORE_URL", eventStoreUrl,
                // a test may run before the service's consumer has its partitions: from the start, not the end
                "MP_MESSAGING_INCOMING__GANTRY_CONVERSATION_EVENTS__AUTO_OFFSET_RESET", "earliest"));
        // the tests poll the API much faster than a person: rate limits have their own gateway tests
        define("gateway", gatewayPort, Map.of(
                "GANTRY_GATEWAY_RATE_LIMIT_REQUESTS_PER_MINUTE", "60000",
                "GANTRY_GATEWAY_RATE_LIMIT_BURST", "10000",
                "QUARKUS_REST_CLIENT_CONVERSATION_SERVICE_URL", conversationUrl,
                "QUARKUS_REST_CLIENT_SANDBOX_MANAGER_URL", sandboxUrl,
                "QUARKUS_REST_CLIENT_EVENT_STORE_URL", eventStoreUrl,
                "QUARKUS_REST_CLIENT_INTEGRATIONS_SERVICE_URL", "http://127.0.0.1:" + integrationsPort));
        List<ServiceProcess> all = List.copyOf(services.values());
        // the services that migrate their databases first when the platform runs more processes than the shared one
        // (a second worker, a Kafka broker of its own): seven JVMs starting at once on two cores starve Flyway
        List<List<ServiceProcess>> stages = setup.workers() > 1 ? List.of(all.subList(0, 2), all.subList(2, all.size()))
                : List.of(all);
        for (List<ServiceProcess> stage : stages) {
            for (ServiceProcess service : stage) {
                service.start();
            }
            for (ServiceProcess service : stage) {
                service.awaitReady(START_TIMEOUT);
            }
        }
    }

    private void define(String name, int port, Map<String, String> own) throws IOException {
        // a replica (agent-worker-2) runs its module's jar with its module's credentials
        String module = name.replaceFirst("-\\d+$", "");
        Map<String, String> environment = new HashMap<>(common);
        environment.putAll(own);
        environment.putAll(credentials.environmentOf(module));
        Path logs = Files.createDirectories(home.resolve("logs"));
        // the gateway's health and metrics are on its management interface, never its public port
        int managementPort = module.equals("gateway") ? freePort() : port;
        services.put(name, new ServiceProcess(name, jar(module), port, managementPort, environment, logs));
        defined.put(name, Map.copyOf(environment));
    }

    private Map<String, String> database(String name) {
        PostgresTestResource postgres = new PostgresTestResource();
        // migrated from nothing on every run: a schema left by another branch's migrations never blocks it
        postgres.init(Map.of("database", name, "jdbc", "true", "fresh", "true"));
        Map<String, String> config = postgres.start();
        return Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", setup.databaseAddress().apply(config.get("quarkus.datasource.reactive.url")),
                "QUARKUS_DATASOURCE_JDBC_URL", setup.databaseAddress().apply(config.get("quarkus.datasource.jdbc.url")),
                "QUARKUS_DATASOURCE_USERNAME", config.get("quarkus.datasource.username"),
                "QUARKUS_DATASOURCE_PASSWORD", config.get("quarkus.datasource.password"),
                // on a machine loaded by parallel builds, a first connection may take longer than Agroal's 5 s
                "QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "60S");
    }

    private static Path jar(String module) {
        return REPO.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The credentials this run's services were started with. */
    public InternalCredentials credentials() {
        return credentials;
    }

    public URI gateway() {
        return service("gateway").url();
    }

    public ScriptedLlmServer llm() {
        return llm;
    }

    /** The OTLP receiver the services export their spans to. */
    public OtlpReceiver traces() {
        return traces;
    }

    public Path home() {
        return home;
    }

    /** The git server on this machine that the sandboxes may reach; it takes {@link #gitToken()}. */
    public GitHttpServer git() {
        return git;
    }

    /** The token the git server takes (and the GitHub stand-ins of the tests answer for). */
    public String gitToken() {
        return gitToken;
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    /**
     * Stops a service as an operator would and starts it again on the same port with some of its
     * environment changed: a benchmark compares a setting's values in one run.
     */
    public void restartWith(String name, Map<String, String> changed) throws Exception {
        Map<String, String> environment = new HashMap<>(services.get(name).environment());
        environment.putAll(changed);
        restartAs(name, environment);
    }

    /** Stops a service and starts it again with the environment the platform first gave it. */
    public void restore(String name) throws Exception {
        restartAs(name, defined.get(name));
    }

    private void restartAs(String name, Map<String, String> environment) throws Exception {
        ServiceProcess old = services.get(name);
        old.close();
        ServiceProcess fresh = new ServiceProcess(name, jar(name.replaceFirst("-\\d+$", "")), old.port(),
                old.managementUrl().getPort(), environment, home.resolve("logs"));
        services.put(name, fresh);
        fresh.start().awaitReady(START_TIMEOUT);
    }

    /** Crashes a service (SIGKILL) and starts a fresh process of it on the same port. */
    public void crashAndRestart(String name) throws Exception {
        ServiceProcess service = services.get(name);
        service.kill();
        service.start().awaitReady(START_TIMEOUT);
    }

    /** The names of the services, in the order they were started. */
    public List<String> serviceNames() {
        return List.copyOf(services.keySet());
    }

    /** Stops the platform's services, the scripted LLM and the git server. */
    @Override
    public void close() {
        stopAll();
    }

    private synchronized void stopAll() {
        if (stopped) {
            return;
        }
        stopped = true;
        List<ServiceProcess> reversed = new ArrayList<>(services.values());
        java.util.Collections.reverse(reversed);
        // all at once: a JVM at its exit (surefire's fork) is not waited for long
        List<Thread> stopping = reversed.stream().map(service -> Thread.ofPlatform().start(() -> {
            try {
                service.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })).toList();
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        llm.close();
        traces.close();
        git.close();
        // the served repositories (the benchmark's is 50 MB) are this run's alone
        try (java.util.stream.Stream<Path> tree = Files.walk(gitRoot)) {
            tree.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // left under target/, which mvn clean removes
        }
    }
}
