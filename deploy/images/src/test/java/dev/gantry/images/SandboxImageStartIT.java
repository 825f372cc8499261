package dev.gantry.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the sandbox image's runtime as a container runtime would, from the image's own files: its layers unpacked
 * into a root of their own, its entrypoint and environment run there under bubblewrap (as root: the check is the JVM's
 * start, not the user). The runtime must start on the start-up archive the build trained for the image's Java
 * ({@code -XX:AOTMode=on}, or {@code -Xshare:on} for AppCDS, makes a JVM that cannot use it fail), answer a command, and the figures of its start with and
 * without the archive are printed. Run by {@code -Pimages} after the images are built; needs bwrap and root.
 */
class SandboxImageStartIT {

    private static final Path OUT = Path.of(System.getProperty("gantry.images.out"));
    private static final int RUNS = Integer.getInteger("gantry.images.start-runs", 5);
    private static final Path BWRAP = Path.of("/usr/bin/bwrap");
    private static final String KEY = "image-start-test-key";

    private static Path root;
    private static List<String> entrypoint;
    private static Map<String, String> environment;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void unpack() throws Exception {
        assumeTrue(Files.isExecutable(BWRAP) && "root".equals(System.getProperty("user.name")),
                "starting the image's runtime needs bwrap and root");
        root = Files.createTempDirectory("sandbox-image-root-");
        Path tarball = OUT.resolve(GantryImages.sandboxRuntime().component() + ".tar");
        OciTarball.unpack(tarball, root);
        JsonNode config = OciTarball.read(tarball).containerConfig();
        entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
        environment = new LinkedHashMap<>();
        config.path("Env").forEach(e -> environment.put(e.asText().substring(0, e.asText().indexOf('=')),
                e.asText().substring(e.asText().indexOf('=') + 1)));
    }

    @AfterAll
    static void removeRoot() throws Exception {
        if (root != null) {
            new ProcessBuilder("rm", "-rf", root.toString()).start().waitFor(1, TimeUnit.MINUTES);
        }
    }

    @Test
    void theRuntimeStartsOnTheArchiveTrainedForItsImageAndAnswersACommand() throws Exception {
        assertThat(entrypoint).anyMatch(option -> option.startsWith("-XX:AOTCache=/opt/gantry/")
                || option.startsWith("-XX:SharedArchiveFile=/opt/gantry/"));

        Started started = start(List.of(archiveRequired()));
        try {
            assertThat(started.millis()).isPositive();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(started.base().resolve("/api/v1/terminal"))
                    .header("X-Session-API-Key", KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"command\":\"echo started from the image\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("started from the image");
        } finally {
            started.stop();
        }
        assertThat(Files.readString(started.log())).doesNotContain("[error]");
    }

    @Test
    void printsTheStartWithAndWithoutTheArchive() throws Exception {
        List<Long> archived = new ArrayList<>();
        List<Long> plain = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            archived.add(startAndStop(List.of()));
            plain.add(startAndStop(List.of(archiveOff())));
        }
        Collections.sort(archived);
        Collections.sort(plain);
        System.out.printf("%nBENCHMARK sandbox image, process start -> /alive over %d runs each: with its start-up archive"
                + " p50 %d ms (min %d, max %d); %s p50 %d ms (min %d, max %d)%n", RUNS,
                archived.get(RUNS / 2), archived.getFirst(), archived.getLast(), archiveOff(),
                plain.get(RUNS / 2), plain.getFirst(), plain.getLast());
    }

    /** Makes a JVM that cannot use the image's archive fail rather than start without it. */
    private static String archiveRequired() {
        return aotCache() ? "-XX:AOTMode=on" : "-Xshare:on";
    }

    private static String archiveOff() {
        return aotCache() ? "-XX:AOTMode=off" : "-Xshare:off";
    }

    private static boolean aotCache() {
        return entrypoint.stream().anyMatch(option -> option.startsWith("-XX:AOTCache="));
    }

    private long startAndStop(List<String> jvmOptions) throws Exception {
        Started started = start(jvmOptions);
        started.stop();
        return started.millis();
    }

    private record Started(Process process, URI base, long millis, Path log) {
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The entrypoint with {@code jvmOptions} before {@code -jar}, in the image's root; returns once it answers. */
    private Started start(List<String> jvmOptions) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(BWRAP.toString(), "--bind", root.toString(), "/",
                "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--unshare-pid", "--as-pid-1", "--die-with-parent",
                "--chdir", "/workspace", "--clearenv"));
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("GANTRY_SESSION_API_KEY", KEY);
        env.forEach((name, value) -> command.addAll(List.of("--setenv", name, value)));
        command.add("--");
        int jar = entrypoint.indexOf("-jar");
        command.addAll(entrypoint.subList(0, jar));
        command.addAll(jvmOptions);
        command.addAll(entrypoint.subList(jar, entrypoint.size()));
        Path log = Files.createTempFile("sandbox-image-runtime-", ".log");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        URI base = URI.create("http://127.0.0.1:" + port);
        long deadline = started + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the image's runtime exited (" + process.exitValue() + "): "
                        + Files.readString(log));
            }
            try {
                HttpResponse<Void> alive = http.send(HttpRequest.newBuilder(base.resolve("/alive"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (alive.statusCode() == 200) {
                    return new Started(process, base, (System.nanoTime() - started) / 1_000_000, log);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        process.destroyForcibly();
        throw new AssertionError("the image's runtime did not answer /alive within 60 s: " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
