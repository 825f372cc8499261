package dev.gantry.worker.support;

import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.sandbox.CreateSandbox;
import dev.gantry.contracts.sandbox.PauseSandbox;
import dev.gantry.contracts.sandbox.ResumeSandbox;
import dev.gantry.contracts.sandbox.SandboxCommand;
import dev.gantry.contracts.sandbox.SandboxStatus;
import dev.gantry.contracts.sandbox.SandboxStatusChanged;
import dev.gantry.testing.KafkaTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the sandbox-manager's part in the worker's tests: takes CreateSandbox from the real command
 * topic, starts a REAL sandbox-runtime process for it (its own workspace, free port, generated session
 * key), serves its connection through {@link PlatformStub}, and reports RUNNING on the status topic;
 * pauses (kills the runtime, keeps the workspace) and resumes (a new runtime, port and key) as the manager does.
 */
public final class SandboxManagerFake {

    /** The runtime jar, built by the sandbox-runtime module before this one. */
    private static final Path RUNTIME_JAR = Path.of(System.getProperty("gantry.test.runtime-jar",
            "../sandbox-runtime/target/quarkus-app/quarkus-run.jar"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final PlatformStub platform;
    private final Path workspaces;
    private final Map<UUID, Process> runtimes = new ConcurrentHashMap<>();
    private final Map<UUID, CreateSandbox> created = new ConcurrentHashMap<>();
    private final KafkaProducer<String, String> producer;

    public SandboxManagerFake(PlatformStub platform) {
        if (!Files.isRegularFile(RUNTIME_JAR)) {
            throw new IllegalStateException("the sandbox runtime jar " + RUNTIME_JAR.toAbsolutePath() + " is missing:"
                    + " build the sandbox-runtime module first, or point -Dgantry.runtime.jar at one");
        }
        this.platform = platform;
        try {
            this.workspaces = Files.createTempDirectory("gantry-worker-test-sandboxes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestResource.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll));
        Thread.ofPlatform().daemon().name("test-sandbox-manager").start(this::run);
    }

    private void stopAll() {
        runtimes.values().forEach(Process::destroyForcibly);
        try (var paths = Files.walk(workspaces)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // the JVM is exiting; a left-over temporary directory is all that can come of it
        }
    }

    /** Whether the sandbox has a runtime running now (not paused, not yet started). */
    public boolean running(UUID sandboxId) {
        return runtimes.containsKey(sandboxId);
    }

    /** The workspace the runtime of this sandbox works in. */
    public Path workspace(UUID sandboxId) {
        return workspaces.resolve(sandboxId.toString());
    }

    private void run() {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-sandbox-manager-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.SANDBOX_COMMANDS));
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    switch (parse(record.value())) {
                        case CreateSandbox create when created.putIfAbsent(create.sandboxId(), create) == null ->
                                Thread.ofVirtual().start(() -> startRuntime(create));
                        case ResumeSandbox resume when created.containsKey(resume.sandboxId())
                                && !runtimes.containsKey(resume.sandboxId()) -> {
                            CreateSandbox create = created.get(resume.sandboxId());
                            report(create, SandboxStatus.STARTING, null);
                            Thread.ofVirtual().start(() -> startRuntime(create));
                        }
                        case PauseSandbox pause -> pause(pause.sandboxId());
                        default -> {
                            // applied already, or not a sandbox this fake made
                        }
                    }
                }
            }
        }
    }

    /**
     * Pauses the sandbox as the idle reaper does: its runtime process is stopped, its workspace kept, and
     * PAUSED reported.
     */
    public void pause(UUID sandboxId) {
        Process runtime = runtimes.remove(sandboxId);
        if (runtime == null) {
            return;
        }
        // as the process launcher does: the runtime and what its shell started
        List<ProcessHandle> descendants = runtime.descendants().toList();
        runtime.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            runtime.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        platform.notRunning(sandboxId);
        report(created.get(sandboxId), SandboxStatus.PAUSED, null);
    }

    private void startRuntime(CreateSandbox create) {
        try {
            Path workspace = Files.createDirectories(workspace(create.sandboxId()));
            // a home of its own, as a real sandbox has: a test's '~' is never the home of the user running the tests
            Path home = Files.createDirectories(workspaces.resolve(create.sandboxId() + "-home"));
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String key = UUID.randomUUID().toString();
            ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-jar",
                    RUNTIME_JAR.toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(workspaces.resolve(create.sandboxId() + ".log").toFile());
            builder.environment().putAll(Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                    "GANTRY_SESSION_API_KEY", key, "GANTRY_WORKSPACE", workspace.toString(), "HOME", home.toString(),
                    // a command that prints nothing is reported as still running after 2 s, so a stop lands fast
                    "GANTRY_TERMINAL_NO_OUTPUT_TIMEOUT", "2s"));
            runtimes.put(create.sandboxId(), builder.start());
            String url = "http://127.0.0.1:" + port;
            awaitAlive(url);
            platform.connection(create.sandboxId(), new PlatformStub.Connection(url, key));
            report(create, SandboxStatus.RUNNING, null);
        } catch (IOException | RuntimeException | InterruptedException e) {
            report(create, SandboxStatus.ERROR, e.toString());
        }
    }

    private static void awaitAlive(String url) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(url + "/alive")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the runtime is still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the sandbox runtime did not answer /alive at " + url);
    }

    private void report(CreateSandbox create, SandboxStatus status, String detail) {
        SandboxStatusChanged change = new SandboxStatusChanged(create.sandboxId(), create.conversationId(),
                create.ownerId(), status, detail, Instant.now());
        try {
            producer.send(new ProducerRecord<>(Topics.SANDBOX_STATUS, create.sandboxId().toString(),
                    GantryJson.mapper().writeValueAsString(change)));
            producer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SandboxCommand parse(String json) {
        try {
            return GantryJson.mapper().readValue(json, SandboxCommand.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
