package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.problem.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/** The calls of Gantry's public API ({@code /api/v1}) the CLI makes, with a bearer token. */
public final class GantryApi {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = GantryJson.mapper();

    public GantryApi(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Stores (or replaces) one of the user's secrets. */
    public void putSecret(String name, String value) throws ApiException {
        var body = json.createObjectNode().put("name", name).put("value", value);
        try {
            send("POST", "/api/v1/secrets", body);
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
            send("PUT", "/api/v1/secrets/" + name, body);
        }
    }

    public JsonNode settings() throws ApiException {
        return send("GET", "/api/v1/settings", null);
    }

    /** Changes the given fields of the user's settings. */
    public void updateSettings(JsonNode settings) throws ApiException {
        send("POST", "/api/v1/settings", settings);
    }

    /** Starts a conversation; answers the conversation as the API describes it. */
    public JsonNode startConversation(JsonNode request) throws ApiException {
        return send("POST", "/api/v1/conversations", request);
    }

    public JsonNode conversation(String id) throws ApiException {
        return send("GET", "/api/v1/conversations/" + id, null);
    }

    /**
     * Follows a conversation's live event stream from after {@code afterSeq}, handing each event
     * to {@code sink}, until the stream ends (the server closed it) or the sink throws.
     */
    public void streamEvents(String conversationId, long afterSeq, Consumer<ConversationEvent> sink)
            throws ApiException {
        HttpRequest request = authorized(base.resolve("/api/v1/conversations/" + conversationId + "/events/stream"))
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", Long.toString(afterSeq))
                .GET().build();
        try {
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                throw failure(response.statusCode(), body);
            }
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                SseReader.read(in, sse -> sink.accept(parse(sse)));
            }
        } catch (IOException e) {
            throw new ApiException("the event stream of " + conversationId + " broke: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted", e);
        }
    }

    private ConversationEvent parse(SseEvent sse) {
        try {
            return json.readValue(sse.data(), ConversationEvent.class);
        } catch (IOException e) {
            throw new IllegalStateException("the server sent an event this CLI cannot read (id " + sse.id() + "): "
                    + e.getMessage(), e);
        }
    }

    private JsonNode send(String method, String path, JsonNode body) throws ApiException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString());
        HttpRequest request = authorized(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, publisher)
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw failure(response.statusCode(), response.body());
            }
            return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new ApiException("cannot reach Gantry at " + base + " (" + e.getMessage()
                    + "): is it running? Start it with ./gantry up", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted", e);
        }
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
    }

    /** An error answer, told by its problem+json detail where there is one. */
    private ApiException failure(int status, String body) {
        try {
            Problem problem = json.readValue(body, Problem.class);
            StringBuilder message = new StringBuilder(problem.title());
            if (problem.detail() != null) {
                message.append(": ").append(problem.detail());
            }
            problem.errors().forEach(error -> message.append("\n  ").append(error.field()).append(": ")
                    .append(error.reason()));
            return new ApiException(status, message.toString());
        } catch (IOException | IllegalArgumentException notAProblem) {
            return new ApiException(status, "HTTP " + status + (body.isBlank() ? "" : ": " + body));
        }
    }
}
