package dev.gantry.sandbox.launcher.process;

import dev.gantry.sandbox.client.RuntimeClient;
import dev.gantry.sandbox.client.RuntimeProbe;
import dev.gantry.sandbox.config.SandboxConfig;
import dev.gantry.sandbox.launcher.InstanceFailed;
import dev.gantry.sandbox.launcher.InstanceSpec;
import dev.gantry.sandbox.launcher.KnownInstance;
import dev.gantry.sandbox.launcher.LaunchException;
import dev.gantry.sandbox.launcher.RuntimeEndpoint;
import dev.gantry.sandbox.launcher.SandboxClaim;
import dev.gantry.sandbox.launcher.SandboxLauncher;
import dev.gantry.sandbox.launcher.SessionKeys;
import io.quarkus.logging.Log;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Sandboxes as local sandbox-runtime processes ({@code java -jar quarkus-run.jar}), each with its
 * own directory under the configured root, a free port on the loopback interface and a generated
 * session key. Pause stops the process and keeps the directory; delete removes both. The pid and
 * port are kept in the directory, so a manager that restarts after a crash takes its running
 * runtimes back; on a clean shutdown it stops them all and starts again those that were not paused.
 */
@Singleton
@Typed(ProcessLauncher.class)
public class ProcessLauncher implements SandboxLauncher {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Path NICE = Path.of("/usr/bin/nice");
    /** A lean runtime: one malloc arena (a JVM's threads otherwise each grow their own, 64 MB apiece at most). */
    private static final Map<String, String> LEAN_RUNTIME_ENV = Map.of("MALLOC_ARENA_MAX", "1");
    /** Environment of the manager that must not reach a runtime: its own settings and secrets. */
    private static final List<String> PRIVATE_ENV_PREFIXES = List.of("QUARKUS_", "GANTRY_", "KAFKA_", "MP_");

    private final SandboxConfig.Process config;
    private final Duration startTimeout;
    private final RuntimeProbe probe;
    private final RuntimeClient client;
    private final Consumer<InstanceFailed> failures;
    private final BubblewrapIsolation bubblewrap;
    private final StartGate gate;
    private final ConcurrentMap<String, Running> running = new ConcurrentHashMap<>();

    @Inject
    ProcessLauncher(SandboxConfig config, RuntimeProbe probe, RuntimeClient client, Event<InstanceFailed> failures) {
        this(config, probe, client, (Consumer<InstanceFailed>) failures::fire);
    }

    /** Outside CDI (a restart simulated in a test), with the death reports going where the caller says. */
    public ProcessLauncher(SandboxConfig config, RuntimeProbe probe, RuntimeClient client,
            Consumer<InstanceFailed> failures) {
        this.config = config.process();
        this.startTimeout = config.startTimeout();
        this.probe = probe;
        this.client = client;
        this.failures = failures;
        this.bubblewrap = new BubblewrapIsolation(this.config);
        if (this.config.niceness() < 0 || this.config.niceness() > 19) {
            throw new IllegalArgumentException("gantry.sandbox.process.niceness must be 0 to 19, was "
                    + this.config.niceness());
        }
        this.gate = new StartGate(this.config.concurrentStarts()
                .orElse(Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public RuntimeEndpoint start(InstanceSpec spec) {
        Running current = running.get(spec.instanceId());
        if (current != null && current.process().isAlive()) {
            return current.endpoint();
        }
        Path jar = config.runtimeJar().toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new LaunchException("the sandbox-runtime jar is missing at " + jar);
        }
        InstanceDirectory dir = directory(spec.instanceId());
        dir.create();
        String key = dir.sessionKey().orElseGet(() -> {
            String generated = SessionKeys.generate();
            dir.writeSessionKey(generated);
            return generated;
        });
        // a claim already on disk stands; the spec's is written only for an instance not claimed yet
        Optional<SandboxClaim> claim = dir.claim().or(() -> {
            spec.claim().ifPresent(dir::writeClaim);
            return spec.claim();
        });
        claim.ifPresent(c -> linkWorkspace(dir, c));
        dir.writeTemplate(spec.template().name());

        Instant deadline = Instant.now().plus(startTimeout);
        Launched launched = gate.admit(claim.map(SandboxClaim::ownerId), deadline,
                () -> spawnAndAwait(jar, dir, claim, key, deadline));
        Process process = launched.process();
        RuntimeEndpoint endpoint = launched.endpoint();
        AtomicBoolean stopping = new AtomicBoolean();
        running.put(spec.instanceId(), new Running(process.toHandle(), endpoint, stopping));
        dir.markPaused(false);
        process.onExit().thenAccept(exited -> exitedUnasked(dir, stopping,
                "the runtime process exited with code " + exited.exitValue()));
        Log.debugf("runtime of instance %s is up on port %d (pid %d)", spec.instanceId(), endpoint.baseUrl().getPort(),
                process.pid());
        return endpoint;
    }

    /** Launches the runtime and waits until it answers {@code /alive}; a runtime that does not is ended. */
    private Launched spawnAndAwait(Path jar, InstanceDirectory dir, Optional<SandboxClaim> claim, String key,
            Instant deadline) {
        int port = freePort();
        Process process = spawn(jar, dir, claim, port, key);
        dir.writeRunning(process.pid(), port);
        RuntimeEndpoint endpoint = new RuntimeEndpoint(URI.create("http://" + LOOPBACK + ":" + port), key);
        try {
            probe.awaitAlive(endpoint.baseUrl(), deadline, () -> process.isAlive()
                    ? Optional.empty()
                    : Optional.of("the runtime exited with code " + process.exitValue()
                            + " before answering /alive (its output: " + dir.log() + ")"));
            return new Launched(process, endpoint);
        } catch (LaunchException notUp) {
            terminate(process.toHandle());
            dir.clearRunning();
            throw notUp;
        }
    }

    /** Runtimes launched and not answering yet. */
    public int startsInProgress() {
        return gate.starting();
    }

    /** Starts waiting for their turn ({@code gantry.sandbox.process.concurrent-starts}). */
    public int startsWaiting() {
        return gate.waiting();
    }

    /** The most runtimes that were starting at the same time since the launcher was made. */
    public int peakConcurrentStarts() {
        return gate.peak();
    }

    @Override
    public void stop(String instanceId) {
        InstanceDirectory dir = directory(instanceId);
        if (!dir.exists()) {
            return;
        }
        dir.markPaused(true);
        halt(dir);
    }

    @Override
    public void remove(String instanceId) {
        InstanceDirectory dir = directory(instanceId);
        halt(dir);
        dir.claim().ifPresent(this::unlinkWorkspace);
        dir.removeAll();
    }

    @Override
    public synchronized boolean claim(String instanceId, SandboxClaim claim) {
        InstanceDirectory dir = directory(instanceId);
        Running current = running.get(instanceId);
        if (current == null || !current.process().isAlive() || dir.claim().isPresent()) {
            return false;
        }
        dir.writeClaim(claim);
        linkWorkspace(dir, claim);
        return true;
    }

    /** The workspace of a claimed sandbox, by its id: what the agent is told its project's path is. */
    public Path workspaceOf(UUID sandboxId) {
        return workspaces().resolve(sandboxId.toString());
    }

    private Path workspaces() {
        return config.workspaces().orElseGet(() -> config.root().toAbsolutePath().resolveSibling("workspaces"));
    }

    private Path namedWorkspace(InstanceDirectory dir, Optional<SandboxClaim> claim) {
        return claim.map(c -> workspaceOf(c.sandboxId())).filter(Files::isSymbolicLink).orElse(dir.workspace());
    }

    /**
     * Names the instance's workspace by the sandbox's id: on the host, and, for an instance started before its claim
     * (a warm one), in its own directory of names, which it sees where the workspaces are named.
     */
    private void linkWorkspace(InstanceDirectory dir, SandboxClaim claim) {
        Path link = workspaceOf(claim.sandboxId());
        try {
            Files.createDirectories(link.getParent());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, dir.workspace().toAbsolutePath());
            if (Files.isDirectory(dir.links())) {
                Path inside = dir.links().resolve(claim.sandboxId().toString());
                Files.deleteIfExists(inside);
                Files.createSymbolicLink(inside, dir.workspace().toAbsolutePath());
            }
        } catch (IOException e) {
            // the sandbox still works: only the path the agent is told does not lead to its files
            Log.warnf("could not link the workspace of sandbox %s at %s: %s", claim.sandboxId(), link, e.toString());
        }
    }

    private void unlinkWorkspace(SandboxClaim claim) {
        try {
            Files.deleteIfExists(workspaceOf(claim.sandboxId()));
        } catch (IOException e) {
            Log.warnf("could not remove the workspace link of sandbox %s: %s", claim.sandboxId(), e.getMessage());
        }
    }

    @Override
    public List<KnownInstance> discover() {
        if (!Files.isDirectory(config.root())) {
            return List.of();
        }
        List<KnownInstance> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(config.root())) {
            for (Path path : dirs.filter(Files::isDirectory).toList()) {
                InstanceDirectory dir = new InstanceDirectory(path);
                dir.template().ifPresent(template -> found.add(new KnownInstance(dir.instanceId(), template,
                        dir.claim(), adopt(dir), !dir.paused())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    @Override
    public void shutdown() {
        try (ExecutorService stopping = Executors.newVirtualThreadPerTaskExecutor()) {
            running.keySet().forEach(instanceId -> stopping.execute(() -> halt(directory(instanceId))));
        }
    }

    private Process spawn(Path jar, InstanceDirectory dir, Optional<SandboxClaim> claim, int port, String key) {
        boolean isolated = config.isolation() == SandboxConfig.Isolation.BUBBLEWRAP;
        Path java = Path.of(config.java().map(Path::toString)
                .orElseGet(() -> ProcessHandle.current().info().command().orElse("java")));
        RuntimeCommand runtime = new RuntimeCommand(java, jar);
        List<String> command = runtime.command(config.jvmOptions(), config.classDataSharing());
        // from the application's directory: the build's start-up archive names the jar relative to it
        ProcessBuilder builder = new ProcessBuilder(command).directory(runtime.application().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.log().toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> PRIVATE_ENV_PREFIXES.stream().anyMatch(name::startsWith));
        env.putAll(LEAN_RUNTIME_ENV);
        env.put("QUARKUS_HTTP_HOST", LOOPBACK);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("GANTRY_SESSION_API_KEY", key);
        // the workspace by the name the agent is told, where it has one: the shell then shows that path
        env.put("GANTRY_WORKSPACE", namedWorkspace(dir, claim).toString());
        // where a pooled instance finds the name it is given when claimed (linkWorkspace)
        env.put("GANTRY_WORKSPACE_LINKS", workspaces().toAbsolutePath().toString());
        if (isolated) {
            Map<String, String> own = new java.util.HashMap<>(env);
            builder.command(bubblewrap.wrap(dir, namedWorkspace(dir, claim).toAbsolutePath(), workspaces(),
                    javaHome(java), jar, command, env));
            own.entrySet().stream().filter(e -> e.getKey().startsWith("GANTRY_") || e.getKey().startsWith("QUARKUS_")
                    || LEAN_RUNTIME_ENV.containsKey(e.getKey())).forEach(e -> env.put(e.getKey(), e.getValue()));
        }
        if (config.niceness() > 0) {
            // the sandbox (its runtime and all it runs) yields the CPU to the platform's services
            List<String> lowered = new ArrayList<>(List.of(NICE.toString(), "-n", Integer.toString(config.niceness())));
            lowered.addAll(builder.command());
            builder.command(lowered);
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new LaunchException("could not start the runtime process: " + e.getMessage(), e);
        }
    }

    /** The JDK a java executable belongs to, links resolved ({@code <home>/bin/java}). */
    private static Path javaHome(Path java) {
        try {
            return java.toRealPath().getParent().getParent();
        } catch (IOException e) {
            throw new LaunchException("the java executable " + java + " is not there: " + e.getMessage(), e);
        }
    }

    /** Takes back a runtime a previous manager left running, if it is there and answers. */
    private Optional<RuntimeEndpoint> adopt(InstanceDirectory dir) {
        Optional<ProcessHandle> process = dir.pid().flatMap(ProcessHandle::of).filter(this::isRuntime);
        Optional<RuntimeEndpoint> endpoint = process.flatMap(p -> dir.port()).flatMap(port -> dir.sessionKey()
                .map(key -> new RuntimeEndpoint(URI.create("http://" + LOOPBACK + ":" + port), key)))
                .filter(candidate -> client.alive(candidate.baseUrl(), startTimeout));
        if (endpoint.isEmpty()) {
            process.ifPresent(this::terminate);
            dir.clearRunning();
            return Optional.empty();
        }
        AtomicBoolean stopping = new AtomicBoolean();
        running.put(dir.instanceId(), new Running(process.get(), endpoint.get(), stopping));
        process.get().onExit().thenAccept(exited -> exitedUnasked(dir, stopping, "the runtime process exited"));
        Log.infof("took back the running runtime of instance %s (pid %d)", dir.instanceId(), process.get().pid());
        return endpoint;
    }

    private void exitedUnasked(InstanceDirectory dir, AtomicBoolean stopping, String reason) {
        if (stopping.get()) {
            return;
        }
        running.remove(dir.instanceId());
        killLeftovers(dir);
        dir.clearRunning();
        failures.accept(new InstanceFailed(dir.instanceId(), reason));
    }

    private void halt(InstanceDirectory dir) {
        Running current = running.remove(dir.instanceId());
        Optional<ProcessHandle> process;
        if (current != null) {
            current.stopping().set(true);
            process = Optional.of(current.process());
        } else {
            process = dir.exists() ? dir.pid().flatMap(ProcessHandle::of).filter(this::isRuntime) : Optional.empty();
        }
        process.ifPresent(this::terminate);
        killLeftovers(dir);
        if (dir.exists()) {
            dir.clearRunning();
        }
    }

    /** What of a sandbox outlived its wrapper (see {@link BubblewrapIsolation#killLeftovers}). */
    private void killLeftovers(InstanceDirectory dir) {
        if (config.isolation() == SandboxConfig.Isolation.BUBBLEWRAP && dir.exists()) {
            bubblewrap.killLeftovers(dir);
        }
    }

    /**
     * SIGTERM, then SIGKILL after the stop timeout; the runtime's own children (its shell and what
     * runs in it) are ended too, so nothing is left behind when the runtime dies first.
     */
    private void terminate(ProcessHandle process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            process.onExit().get(config.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            Log.warnf("runtime pid %d ignored SIGTERM for %s: killing it", process.pid(), config.stopTimeout());
            process.destroyForcibly();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private boolean isRuntime(ProcessHandle process) {
        RuntimeCommand runtime = new RuntimeCommand(Path.of("java"), config.runtimeJar().toAbsolutePath());
        return process.isAlive() && process.info().arguments().map(List::of).map(runtime::startedBy).orElse(false);
    }

    private InstanceDirectory directory(String instanceId) {
        return new InstanceDirectory(config.root().resolve(instanceId));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LaunchException("no free port on the loopback interface: " + e.getMessage(), e);
        }
    }

    private record Launched(Process process, RuntimeEndpoint endpoint) {
    }

    private record Running(ProcessHandle process, RuntimeEndpoint endpoint, AtomicBoolean stopping) {
    }
}
