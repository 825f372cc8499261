package dev.gantry.runtime.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import dev.gantry.runtime.RuntimeApi;
import dev.gantry.runtime.security.PathConfinement;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Latency of the runtime's tools next to the floor measured in the same run: spawning {@code bash -c true},
 * and one line written to a pty and read back from {@code cat}. Prints figures; asserts only correctness.
 * Run with {@code mvn -pl sandbox-runtime test -Pbenchmark}.
 */
@QuarkusTest
class RuntimeBenchmark {

    private static final int PASSES = 2;
    private static final int WARMUP = 300;
    private static final int ROUNDS = 2000;
    private static final int SPAWN_ROUNDS = 300;
    private static final double NANOS_PER_MILLI = 1e6;
    private static final double P50 = 0.50;
    private static final double P90 = 0.90;
    private static final double P99 = 0.99;

    @TestHTTPResource("/")
    URI base;

    @Inject
    PathConfinement paths;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void printsRoundTripLatencies() throws Exception {
        Path viewed = Files.writeString(paths.workspace().resolve("benchmark-view.txt"),
                "line\n".repeat(100));
        HttpRequest alive = HttpRequest.newBuilder(base.resolve("alive")).GET().build();
        HttpRequest terminalTrue = post("api/v1/terminal", "{\"command\": \"true\"}");
        HttpRequest editorView = post("api/v1/editor",
                "{\"command\": \"view\", \"path\": \"" + viewed + "\"}");
        assertEquals(200, http.send(terminalTrue, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, http.send(editorView, HttpResponse.BodyHandlers.ofString()).statusCode());

        // the first pass warms the JIT, the HTTP client and the connection pool for every path alike
        for (int pass = 1; pass <= PASSES; pass++) {
            long[] spawn = measure(SPAWN_ROUNDS, RuntimeBenchmark::spawnBashTrue);
            long[] pty;
            try (PtyEcho echo = PtyEcho.start()) {
                pty = measure(ROUNDS, echo::roundTrip);
            }
            long[] http200 = measure(ROUNDS, () -> send(alive));
            long[] terminal = measure(ROUNDS, () -> send(terminalTrue));
            long[] editor = measure(ROUNDS, () -> send(editorView));

            System.out.printf("%n%-44s %9s %9s %9s%n", "pass " + pass + " of " + PASSES + ": round trips (ms)",
                    "p50", "p90", "p99");
            print("floor: spawn bash -c true", spawn);
            print("floor: pty write/read (cat, no echo)", pty);
            print("floor: HTTP GET /alive", http200);
            print("terminal {command: true}", terminal);
            print("editor view (100 lines)", editor);
            System.out.printf("%-44s %9.3f%n", "terminal p50 over the pty floor",
                    millis(percentile(terminal, P50) - percentile(pty, P50)));
            System.out.printf("%-44s %9.3f%n%n", "terminal p50 over the pty + HTTP floors",
                    millis(percentile(terminal, P50) - percentile(pty, P50) - percentile(http200, P50)));
        }
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .header("X-Session-API-Key", RuntimeApi.SESSION_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private void send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static void spawnBashTrue() throws IOException, InterruptedException {
        int exit = new ProcessBuilder("bash", "-c", "true").start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("bash -c true exited with " + exit);
        }
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private static long[] measure(int rounds, Action action) throws Exception {
        for (int i = 0; i < Math.min(WARMUP, rounds); i++) {
            action.run();
        }
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            action.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double millis(long nanos) {
        return nanos / NANOS_PER_MILLI;
    }

    private static void print(String label, long[] sorted) {
        System.out.printf("%-44s %9.3f %9.3f %9.3f%n", label, millis(percentile(sorted, P50)),
                millis(percentile(sorted, P90)), millis(percentile(sorted, P99)));
    }

    /** {@code cat} on a pty with echo off: a line written comes back once, through the line discipline. */
    private record PtyEcho(PtyProcess process, OutputStream in, InputStream out) implements AutoCloseable {

        private static final String READY = "READY\n";
        private static final byte[] LINE = "x\n".getBytes(StandardCharsets.US_ASCII);

        static PtyEcho start() throws IOException {
            PtyProcess process = new PtyProcessBuilder(new String[] { "/bin/sh", "-c",
                    "stty -echo -onlcr; printf '" + READY.strip() + "\\n'; exec cat" })
                    .setEnvironment(Map.of("PATH", System.getenv("PATH")))
                    .start();
            PtyEcho echo = new PtyEcho(process, process.getOutputStream(), process.getInputStream());
            echo.readThrough(READY.getBytes(StandardCharsets.US_ASCII).length);
            return echo;
        }

        void roundTrip() throws IOException {
            in.write(LINE);
            in.flush();
            readThrough(LINE.length);
        }

        private void readThrough(int bytes) throws IOException {
            byte[] buffer = new byte[bytes];
            int read = 0;
            while (read < bytes) {
                int n = out.read(buffer, read, bytes - read);
                if (n < 0) {
                    throw new IOException("cat closed the pty");
                }
                read += n;
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
