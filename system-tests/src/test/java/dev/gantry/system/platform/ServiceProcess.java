package dev.gantry.system.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Gantry service run from its built jar as a separate process, the way {@code ./gantry up}
 * runs it, on a port of its own, logging to a file the failure messages point at.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    /** Where /q/health and /q/metrics answer: the port itself, or the management interface's (the gateway's). */
    private final int managementPort;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    public ServiceProcess(String name, Path jar, int port, int managementPort, Map<String, String> environment,
            Path logDir) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.managementPort = managementPort;
        this.environment = Map.copyOf(environment);
        this.log = logDir.resolve(name + ".log");
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The environment it was started with, besides its port. */
    public Map<String, String> environment() {
        return environment;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The base URL of the service's health and metrics. */
    public URI managementUrl() {
        return URI.create("http://127.0.0.1:" + managementPort);
    }

    public Path log() {
        return log;
    }

    public synchronized ServiceProcess start() throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the platform first (mvn package)");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx384m", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        if (managementPort != port) {
            builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        }
        process = builder.start();
        return this;
    }

    /** Waits until {@code /q/health/ready} answers 200, failing with the end of the log if it does not. */
    public ServiceProcess awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            if (readyStatus() == 200) {
                return this;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + tail());
    }

    private int readyStatus() throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(managementUrl().resolve("/q/health/ready")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return 0;
        }
    }

    /** Kills the process at once (SIGKILL): a crash, with no shutdown hooks. */
    public synchronized void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Stops the process as an operator would (SIGTERM), waiting for its shutdown. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The process id of the running service (a benchmark reads its heap with {@code jcmd}). */
    public synchronized long pid() {
        return process.pid();
    }

        public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The last lines of the service's log, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
