package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.http.IdempotencyKey;
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
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** The calls of Gantry's public API ({@code /api/v1}) the CLI makes, with a bearer token. */
public final class GantryApi {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** A create is tried at most this often, the same Idempotency-Key each time, 1 s then 2 s apart. */
    private static final int START_TRIES = 3;
    private static final Duration START_RETRY_PAUSE = Duration.ofSeconds(1);

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

    /**
     * Starts a conversation; answers the conversation as the API describes it. The create carries one new
     * {@code Idempotency-Key}, and a try that got no answer or a gateway's 502/503/504 is sent again with it: the
     * platform makes the conversation once however many of the tries reached it.
     */
    public JsonNode startConversation(JsonNode request) throws ApiException {
        Map<String, String> key = Map.of(IdempotencyKey.HEADER, UUID.randomUUID().toString());
        for (int attempt = 1; ; attempt++) {
            try {
                return send("POST", "/api/v1/conversations", request, key);
            } catch (ApiException e) {
                boolean unanswered = e.status() == 0 || e.status() == 502 || e.status() == 503 || e.status() == 504;
                if (!unanswered || attempt == START_TRIES || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                pause(e.pauseAtLeast(START_RETRY_PAUSE.multipliedBy(attempt)));
            }
        }
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
        try (EventStream stream = openStream(conversationId, afterSeq)) {
            stream.read(sink);
        }
    }

    /**
     * Opens a conversation's live event stream after {@code afterSeq} (sent as {@code Last-Event-ID}):
     * once this answers, the server has accepted the stream. Closing it from another thread ends a read.
     */
    public EventStream openStream(String conversationId, long afterSeq) throws ApiException {
        HttpRequest request = authorized(base.resolve("/api/v1/conversations/" + conversationId + "/events/stream"))
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", Long.toString(afterSeq))
                .GET().build();
        try {
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                throw failure(response, body);
            }
            return new EventStream(conversationId, response.body());
        } catch (IOException e) {
            throw new ApiException("the event stream of " + conversationId + " broke: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted", e);
        }
    }

    /** An open event stream. */
    public final class EventStream implements AutoCloseable {

        private final String conversationId;
        private final java.io.InputStream body;

        private EventStream(String conversationId, java.io.InputStream body) {
            this.conversationId = conversationId;
            this.body = body;
        }

        /** Hands each event to {@code sink} until the stream ends, is closed, or the sink throws. */
        public void read(Consumer<ConversationEvent> sink) throws ApiException {
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                SseReader.read(in, sse -> sink.accept(parse(sse)));
            } catch (IOException e) {
                throw new ApiException("the event stream of " + conversationId + " broke: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // closing a stream that already broke changes nothing
            }
        }
    }

    /**
     * One page of the user's conversations, newest first: {@code {"items": [...], "nextPageId": ...}}.
     * {@code titleContains} and {@code status} may be null (no filter), {@code pageId} null for the first page.
     */
    public JsonNode listConversations(String titleContains, String status, int limit, String pageId)
            throws ApiException {
        StringBuilder query = new StringBuilder("?limit=").append(limit);
        if (titleContains != null) {
            query.append("&titleContains=").append(encode(titleContains));
        }
        if (status != null) {
            query.append("&status=").append(encode(status));
        }
        if (pageId != null) {
            query.append("&pageId=").append(encode(pageId));
        }
        return send("GET", "/api/v1/conversations" + query, null);
    }

    /** Deletes a conversation: its agent is stopped, its sandbox and events deleted. */
    public void deleteConversation(String id) throws ApiException {
        send("DELETE", "/api/v1/conversations/" + id, null);
    }

    /** Sends a user message the agent works on. */
    public void sendMessage(String id, String content) throws ApiException {
        send("POST", "/api/v1/conversations/" + id + "/messages",
                json.createObjectNode().put("content", content).put("run", true));
    }

    /** Pauses, resumes or stops the agent: {@code action} is {@code pause}, {@code resume} or {@code stop}. */
    public void act(String id, String action) throws ApiException {
        send("POST", "/api/v1/conversations/" + id + "/" + action, null);
    }

    /** Answers the action(s) waiting for confirmation; {@code reason} (may be null) goes with a refusal. */
    public void confirm(String id, boolean accept, String reason) throws ApiException {
        var body = json.createObjectNode().put("accept", accept);
        if (reason != null) {
            body.put("reason", reason);
        }
        send("POST", "/api/v1/conversations/" + id + "/confirmation", body);
    }

    private static void pause(Duration pause) throws ApiException {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted", e);
        }
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
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
        return send(method, path, body, Map.of());
    }

    private JsonNode send(String method, String path, JsonNode body, Map<String, String> headers) throws ApiException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString());
        HttpRequest.Builder builder = authorized(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, publisher);
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw failure(response, response.body());
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
    private ApiException failure(HttpResponse<?> response, String body) {
        int status = response.statusCode();
        java.time.Duration retryAfter = ApiException.parseRetryAfter(response.headers().firstValue("Retry-After")
                .orElse(null));
        try {
            Problem problem = json.readValue(body, Problem.class);
            StringBuilder message = new StringBuilder(problem.title());
            if (problem.detail() != null) {
                message.append(": ").append(problem.detail());
            }
            problem.errors().forEach(error -> message.append("\n  ").append(error.field()).append(": ")
                    .append(error.reason()));
            return new ApiException(status, message.toString(), retryAfter);
        } catch (IOException | IllegalArgumentException notAProblem) {
            return new ApiException(status, "HTTP " + status + (body.isBlank() ? "" : ": " + body), retryAfter);
        }
    }
}
