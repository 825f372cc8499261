package dev.gantry.sandbox.client;

import dev.gantry.contracts.GantryHeaders;
import dev.gantry.contracts.GantryJson;
import dev.gantry.sandbox.config.SandboxConfig;
import dev.gantry.sandbox.launcher.RuntimeEndpoint;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Talks HTTP to sandbox runtimes, whose URLs are only known at run time (one per sandbox), through
 * one shared JDK client. The session key goes in a header, never in a URL that could be logged.
 */
@Singleton
public class RuntimeClient {

    private static final String FILES = "/api/v1/files";
    private static final String ACTIVITY = "/api/v1/activity";

    private final HttpClient http;
    private final Duration callTimeout;

    public RuntimeClient(SandboxConfig config) {
        this.callTimeout = config.runtimeCallTimeout();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(callTimeout).build();
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** True when the runtime answers {@code GET /alive} with 200 within {@code timeout}. */
    public boolean alive(URI baseUrl, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/alive")).timeout(timeout).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * {@code GET /api/v1/activity}: how long the runtime has been idle, by its own count.
     *
     * @return empty when it does not answer 200 with an activity
     * @throws RuntimeUnreachableException when it does not answer at all
     */
    public Optional<RuntimeActivity> activity(RuntimeEndpoint endpoint) {
        RuntimeAnswer answer = send(endpoint, HttpRequest.newBuilder(endpoint.baseUrl().resolve(ACTIVITY)).GET());
        if (answer.status() != 200) {
            return Optional.empty();
        }
        try {
            return Optional.of(GantryJson.mapper().readValue(answer.body(), RuntimeActivity.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code GET /api/v1/files?path} or {@code GET /api/v1/files/list?path}. */
    public RuntimeAnswer getFile(RuntimeEndpoint endpoint, String path, boolean list) {
        URI uri = filesUri(endpoint, list ? FILES + "/list" : FILES, path);
        return send(endpoint, HttpRequest.newBuilder(uri).GET());
    }

    /** {@code PUT /api/v1/files?path} with the body as given. */
    public RuntimeAnswer putFile(RuntimeEndpoint endpoint, String path, byte[] content, String contentType) {
        URI uri = filesUri(endpoint, FILES, path);
        return send(endpoint, HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    private RuntimeAnswer send(RuntimeEndpoint endpoint, HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(callTimeout)
                    .header(GantryHeaders.SESSION_API_KEY, endpoint.sessionKey()).build(), HttpResponse.BodyHandlers.ofByteArray());
            Optional<String> contentType = response.headers().firstValue("Content-Type");
            return new RuntimeAnswer(response.statusCode(), contentType, response.body());
        } catch (IOException e) {
            throw new RuntimeUnreachableException("the sandbox runtime did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeUnreachableException("interrupted while calling the sandbox runtime", e);
        }
    }

    private static URI filesUri(RuntimeEndpoint endpoint, String route, String path) {
        String query = path == null ? "" : "?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
        return endpoint.baseUrl().resolve(route + query);
    }

    /** A runtime's answer, passed on as it came. */
    public record RuntimeAnswer(int status, Optional<String> contentType, byte[] body) {
    }
}
