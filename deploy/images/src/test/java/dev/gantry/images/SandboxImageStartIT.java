package dev.gantry.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the sandbox image's runtime as a container runtime would, from the image's own files ({@link ImageRoot}: its
 * layers unpacked into a root of their own, its entrypoint and environment run there under bubblewrap, as root: the
 * check is the JVM's start, not the user). The runtime must start on the start-up archive the build trained for the
 * image's Java ({@code -XX:AOTMode=on}, or {@code -Xshare:on} for AppCDS, makes a JVM that cannot use it fail) and
 * answer a command; the figures of its start with and without the archive are printed. Run by {@code -Pimages}
 * after the images are built; needs bwrap and root.
 */
class SandboxImageStartIT {

    private static final Path OUT = Path.of(System.getProperty("gantry.images.out"));
    private static final int RUNS = Integer.getInteger("gantry.images.start-runs", 5);
    private static final String KEY = "image-start-test-key";

    private static ImageRoot image;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void unpack() throws Exception {
        assumeTrue(ImageRoot.canRun(), "starting the image's runtime needs bwrap and root");
        image = ImageRoot.unpack(OUT.resolve(GantryImages.sandboxRuntime().component() + ".tar"));
    }

    @AfterAll
    static void removeRoot() throws Exception {
        if (image != null) {
            image.close();
        }
    }

    @Test
    void theRuntimeStartsOnTheArchiveTrainedForItsImageAndAnswersACommand() throws Exception {
        assertThat(image.entrypoint()).anyMatch(option -> option.startsWith("-XX:AOTCache=/opt/gantry/")
                || option.startsWith("-XX:SharedArchiveFile=/opt/gantry/"));

        Started started = start(List.of(image.archiveRequired()));
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
            plain.add(startAndStop(List.of(image.archiveOff())));
        }
        Collections.sort(archived);
        Collections.sort(plain);
        System.out.printf("%nBENCHMARK sandbox image, process start -> /alive over %d runs each: with its start-up"
                + " archive p50 %d ms (min %d, max %d); %s p50 %d ms (min %d, max %d)%n", RUNS,
                archived.get(RUNS / 2), archived.getFirst(), archived.getLast(), image.archiveOff(),
                plain.get(RUNS / 2), plain.getFirst(), plain.getLast());
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

    /** The image's entrypoint with {@code jvmOptions}, in its root; returns once the runtime answers. */
    private Started start(List<String> jvmOptions) throws Exception {
        int port = freePort();
        ProcessBuilder command = image.command(jvmOptions, Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_HTTP_HOST", "127.0.0.1", "GANTRY_SESSION_API_KEY", KEY));
        Path log = Files.createTempFile("sandbox-image-runtime-", ".log");
        long started = System.nanoTime();
        Process process = command.redirectOutput(log.toFile()).start();
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
