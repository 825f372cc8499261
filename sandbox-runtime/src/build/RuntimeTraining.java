import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The training run that makes the sandbox runtime's JVM start-up archive, run by the build after the runtime is
 * packaged ({@code java RuntimeTraining.java}, a single-file program: it needs nothing compiled, so it runs under
 * {@code -DskipTests} too).
 *
 * <p>It starts the packaged runtime as a sandbox does ({@code java [options] -jar quarkus-run.jar} in
 * {@code quarkus-app}) with the archive being recorded, waits for {@code /alive}, then uses it as an agent does, a
 * few rounds of each route: terminal commands (including a failing one, environment variables, a journaled action
 * and its repeat), the file editor (create, view, replace, insert, undo, a refused path), file upload, listing and
 * download, the activity and MCP listings, and a request without the session key. Then it stops the runtime
 * (SIGTERM), and the JVM writes at its exit what the run loaded, linked and profiled: {@code app.aot}, a JDK AOT cache
 * (JEP 483/514/515), on JDK 25 or newer, else {@code app-cds.jsa} (dynamic AppCDS). A sandbox's runtime starting on
 * it finds the classes of its start <em>and</em> of its first requests ready, which a start-only training (Quarkus'
 * {@code quarkus.package.jar.aot.phase=BUILD}, which ends at start-up) leaves to be loaded from the jars.
 *
 * <p>Arguments: {@code quarkus-app} directory, work directory, {@code true|false} (whether to make an archive at all;
 * {@code -Dgantry.runtime.archive=false}), then the runtime's JVM options (those sandbox-manager starts it with).
 * {@code -Dgantry.training.java=<java>} trains the runtime on another Java than the one running this program (the
 * image build trains on the image's own runtime, since an archive serves only the JVM that wrote it); its version
 * decides which archive is made. {@code -Dgantry.training.absolute-jar=true} names the jar by its absolute path,
 * as an image's entrypoint does ({@code /opt/gantry/quarkus-run.jar}, from another working directory): the JVM then
 * takes the archive where the application's directory has moved, which a jar named relative to the working
 * directory (as the local launcher names it) does not allow.
 */
public final class RuntimeTraining {

    private static final String AOT_CACHE = "app.aot";
    private static final String CDS_ARCHIVE = "app-cds.jsa";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
    private static final int ROUNDS = 5;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String key;
    private final Path workspace;

    private RuntimeTraining(URI base, String key, Path workspace) {
        this.base = base;
        this.key = key;
        this.workspace = workspace;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: RuntimeTraining <quarkus-app> <work dir> <true|false> [jvm options]");
        }
        Path app = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        boolean enabled = Boolean.parseBoolean(args[2]);
        List<String> jvmOptions = List.of(args).subList(3, args.length);
        // an archive of an earlier build would not match this one's jars: never left behind
        Files.deleteIfExists(app.resolve(AOT_CACHE));
        Files.deleteIfExists(app.resolve(CDS_ARCHIVE));
        if (!enabled) {
            System.out.println("[runtime-training] no start-up archive (gantry.runtime.archive=false)");
            return;
        }
        Path java = Path.of(System.getProperty("gantry.training.java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString())).toAbsolutePath();
        boolean aotCache = featureVersion(java) >= 25;
        String archive = aotCache ? AOT_CACHE : CDS_ARCHIVE;
        deleteTree(work);
        Path workspace = Files.createDirectories(work.resolve("workspace"));
        Path home = Files.createDirectories(work.resolve("home"));
        Path tmp = Files.createDirectories(work.resolve("tmp"));

        String key = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-Djava.io.tmpdir=" + tmp);
        command.add(aotCache ? "-XX:AOTCacheOutput=" + AOT_CACHE : "-XX:ArchiveClassesAtExit=" + CDS_ARCHIVE);
        command.add("-jar");
        command.add(Boolean.getBoolean("gantry.training.absolute-jar")
                ? app.resolve("quarkus-run.jar").toString() : "quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("runtime.log").toFile());
        builder.environment().put("GANTRY_SESSION_API_KEY", key);
        builder.environment().put("GANTRY_WORKSPACE", workspace.toString());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("HOME", home.toString());

        long started = System.nanoTime();
        Process runtime = builder.start();
        try {
            RuntimeTraining training = new RuntimeTraining(URI.create("http://127.0.0.1:" + port), key, workspace);
            training.awaitAlive(runtime, work);
            for (int round = 0; round < ROUNDS; round++) {
                training.round(round);
            }
        } catch (Exception | AssertionError e) {
            runtime.destroyForcibly();
            throw new IllegalStateException("the training run failed (its output: " + work.resolve("runtime.log") + ")", e);
        }
        runtime.destroy(); // SIGTERM: the JVM writes the archive as it exits
        if (!runtime.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            runtime.destroyForcibly();
            throw new IllegalStateException("the runtime did not stop within " + STOP_TIMEOUT);
        }
        Path written = app.resolve(archive);
        if (!Files.isRegularFile(written)) {
            throw new IllegalStateException("the runtime exited without writing " + written + " (its output: "
                    + work.resolve("runtime.log") + ")");
        }
        System.out.printf("[runtime-training] %s: %d MB after %d rounds, %.1f s%n", written, Files.size(written) >> 20,
                ROUNDS, (System.nanoTime() - started) / 1e9);
    }

    /** The feature version of the Java an executable belongs to, from its {@code release} file. */
    private static int featureVersion(Path java) throws IOException {
        Path release = java.toRealPath().getParent().getParent().resolve("release");
        if (!Files.isRegularFile(release)) {
            return Runtime.version().feature();
        }
        for (String line : Files.readAllLines(release, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("JAVA_VERSION=\"")) {
                String version = line.substring("JAVA_VERSION=\"".length());
                return Integer.parseInt(version.split("[.\"+-]")[0]);
            }
        }
        return Runtime.version().feature();
    }

    /** One pass over the routes an agent uses, each answered as it should be. */
    private void round(int round) throws IOException, InterruptedException {
        expect(200, post("/api/v1/terminal", "{\"command\":\"echo training round " + round + " && pwd && ls -la\"}", null));
        expect(200, post("/api/v1/terminal", "{\"command\":\"false\"}", null));
        expect(200, post("/api/v1/terminal", "{\"command\":\"for i in 1 2 3; do echo line $i; done; cd . && printf 'a\\\\tb\\\\n'\","
                + "\"timeoutSeconds\":30}", null));
        expect(204, send(json("/api/v1/environment").PUT(body("{\"variables\":{\"TRAINING_ROUND\":\"" + round + "\"}}"))));
        expect(200, post("/api/v1/terminal", "{\"command\":\"echo $TRAINING_ROUND\"}", null));
        // an action named by its id runs once; its repeat is answered from the journal
        String action = "training-" + round;
        expect(200, post("/api/v1/terminal", "{\"command\":\"echo once " + round + "\"}", action));
        expect(200, post("/api/v1/terminal", "{\"command\":\"echo once " + round + "\"}", action));

        String file = workspace.resolve("notes-" + round + ".txt").toString();
        expect(200, editor("{\"command\":\"create\",\"path\":\"" + file + "\",\"fileText\":\"first\\nsecond\\nthird\\n\"}"));
        expect(200, editor("{\"command\":\"view\",\"path\":\"" + file + "\"}"));
        expect(200, editor("{\"command\":\"view\",\"path\":\"" + file + "\",\"viewRange\":[1,2]}"));
        expect(200, editor("{\"command\":\"str_replace\",\"path\":\"" + file + "\",\"oldStr\":\"second\",\"newStr\":\"2nd\"}"));
        expect(200, editor("{\"command\":\"insert\",\"path\":\"" + file + "\",\"insertLine\":1,\"newStr\":\"inserted\"}"));
        expect(200, editor("{\"command\":\"undo_edit\",\"path\":\"" + file + "\"}"));
        expect(200, editor("{\"command\":\"view\",\"path\":\"" + workspace + "\"}"));
        expectClientError(editor("{\"command\":\"view\",\"path\":\"/etc/shadow\"}"));
        expectClientError(editor("{\"command\":\"paint\"}"));

        String upload = workspace.resolve("upload-" + round + ".bin").toString();
        expect(201, send(request("/api/v1/files?path=" + upload).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[4096 * (round + 1)]))));
        expect(200, send(request("/api/v1/files/list?path=" + workspace).GET()));
        expect(200, send(request("/api/v1/files?path=" + upload).GET()));
        expectClientError(send(request("/api/v1/files?path=/proc/self/environ").GET()));
        expect(200, send(request("/api/v1/activity").GET()));
        expect(200, send(request("/api/v1/mcp/servers").GET()));
        expect(200, send(HttpRequest.newBuilder(base.resolve("/alive")).GET()));
        expect(401, send(HttpRequest.newBuilder(base.resolve("/api/v1/terminal"))
                .header("Content-Type", "application/json").POST(body("{\"command\":\"true\"}"))));
    }

    private void awaitAlive(Process runtime, Path work) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!runtime.isAlive()) {
                throw new IllegalStateException("the runtime exited with code " + runtime.exitValue()
                        + " (its output: " + work.resolve("runtime.log") + ")");
            }
            try {
                if (send(HttpRequest.newBuilder(base.resolve("/alive")).GET()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the runtime did not answer /alive within " + START_TIMEOUT);
    }

    private HttpResponse<String> post(String path, String json, String actionId) throws IOException, InterruptedException {
        HttpRequest.Builder request = json(path).POST(body(json));
        if (actionId != null) {
            request.header("X-Gantry-Action-Id", actionId);
        }
        return send(request);
    }

    private HttpResponse<String> editor(String json) throws IOException, InterruptedException {
        return post("/api/v1/editor", json, null);
    }

    private HttpRequest.Builder json(String path) {
        return request(path).header("Content-Type", "application/json");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(1)).header("X-Session-API-Key", key);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().method() + " " + response.uri().getPath() + " answered "
                    + response.statusCode() + ", expected " + status + ": " + response.body());
        }
    }

    private static void expectClientError(HttpResponse<String> response) {
        if (response.statusCode() < 400 || response.statusCode() >= 500) {
            throw new AssertionError(response.request().method() + " " + response.uri().getPath() + " answered "
                    + response.statusCode() + ", expected a 4xx problem: " + response.body());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
