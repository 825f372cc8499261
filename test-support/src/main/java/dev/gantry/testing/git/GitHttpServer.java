package dev.gantry.testing.git;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real git server over smart HTTP for tests: git's own {@code git http-backend} run as a CGI program behind the
 * JDK's HTTP server, serving the bare repositories under a root, pushes included. Every request must carry HTTP
 * Basic credentials whose password is the server's token (any user name, as providers take a token with a fixed
 * user); others get 401 with a {@code WWW-Authenticate} challenge, as GitHub answers git. Requests are recorded
 * (method, path, whether they were authorised) so tests can check what git sent.
 */
public final class GitHttpServer implements AutoCloseable {

    /** One request the server answered. */
    public record Request(String method, String path, boolean authorised) {
    }

    private final HttpServer server;
    private final Path root;
    private final String token;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private GitHttpServer(Path root, String token, String bindAddress) throws IOException {
        this.root = root;
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress(bindAddress, 0), 0);
        this.server.setExecutor(Executors.newCachedThreadPool());
        this.server.createContext("/", this::handle);
        this.server.start();
    }

    /** Serves the bare repositories under {@code root} on a free port of 127.0.0.1. */
    public static GitHttpServer start(Path root, String token) throws IOException {
        return new GitHttpServer(root, token, "127.0.0.1");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}: a repository {@code owner/name} is at {@code <baseUrl>/owner/name.git}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * Creates the bare repository {@code owner/name.git} with one commit on {@code main} holding the given files, made
     * with the real git; answers its path.
     */
    public Path createRepository(String path, Map<String, String> files) throws IOException, InterruptedException {
        Path bare = root.resolve(path + ".git");
        Files.createDirectories(bare);
        git(root, "init", "--quiet", "--bare", "--initial-branch=main", bare.toString());
        git(bare, "config", "http.receivepack", "true");
        Path work = Files.createTempDirectory("gantry-git-seed-");
        git(work, "init", "--quiet", "--initial-branch=main");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = work.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        git(work, "add", "-A");
        git(work, "-c", "user.name=Seed", "-c", "user.email=seed@example.com", "commit", "--quiet", "-m", "initial commit");
        git(work, "push", "--quiet", bare.toString(), "main");
        return bare;
    }

    /** The commit a branch of a served repository points to, or null when it has no such branch. */
    public String commitOf(String path, String branch) throws IOException, InterruptedException {
        Path bare = root.resolve(path + ".git");
        Process process = new ProcessBuilder("git", "rev-parse", "--verify", "--quiet", "refs/heads/" + branch)
                .directory(bare.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return process.waitFor() == 0 ? out : null;
    }

    /** Runs git in a directory, failing with its output when it fails. */
    public static String git(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", arguments) + " failed: " + out);
        }
        return out;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean authorised = authorised(exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), authorised));
            if (!authorised) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"gantry-test-git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            runBackend(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean authorised(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring("Basic ".length()).strip()),
                StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon >= 0 && decoded.substring(colon + 1).equals(token);
    }

    /** The CGI exchange with {@code git http-backend}: request body in, headers and body out. */
    private void runBackend(HttpExchange exchange) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = builder.environment();
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getPath());
        env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
        env.put("REMOTE_USER", "git");
        env.put("REMOTE_ADDR", exchange.getRemoteAddress().getAddress().getHostAddress());
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) {
            env.put("CONTENT_TYPE", contentType);
        }
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null) {
            env.put("HTTP_CONTENT_ENCODING", encoding);
        }
        String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
        if (protocol != null) {
            env.put("GIT_PROTOCOL", protocol);
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        env.put("CONTENT_LENGTH", String.valueOf(body.length));
        Process process = builder.start();
        Thread feeder = Thread.ofVirtual().start(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(body);
            } catch (IOException ignored) {
                // the backend stopped reading: its answer says why
            }
        });
        Thread.ofVirtual().start(() -> drain(process.getErrorStream()));
        InputStream out = process.getInputStream();
        ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
        int status = 200;
        String line;
        while (!(line = readLine(out, headerBytes)).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream response = exchange.getResponseBody()) {
            out.transferTo(response);
        }
        feeder.join();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    private static String readLine(InputStream in, ByteArrayOutputStream buffer) throws IOException {
        buffer.reset();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                buffer.write(c);
            }
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static void drain(InputStream in) {
        try (in) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the backend's diagnostics are not needed
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
