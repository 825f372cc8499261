package dev.gantry.system.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.cli.ApiException;
import dev.gantry.cli.SseReader;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of a conversation's live event stream as a UI keeps it: when the stream breaks (the gateway
 * killed, a network cut) it connects again with {@code Last-Event-ID} set to the last seq it saw, and records
 * every event it receives with the time it arrived, so the suite can check each was seen exactly once.
 */
public final class ResumingEventStream implements AutoCloseable {

    public record Received(ConversationEvent event, long arrivedAtNanos, long arrivedAtMillis) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final ObjectMapper json = GantryJson.mapper();
    private final URI stream;
    private final String token;
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread reader;
    private volatile boolean closed;
    private volatile InputStream body;
    private volatile String lastId;

    public ResumingEventStream(URI gateway, String conversationId, String token) {
        this.stream = gateway.resolve("/api/v1/conversations/" + conversationId + "/events/stream");
        this.token = token;
        this.reader = Thread.ofVirtual().start(this::run);
    }

    private void run() {
        while (!closed) {
            HttpRequest.Builder request = HttpRequest.newBuilder(stream).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream").GET();
            if (lastId != null) {
                request.header("Last-Event-ID", lastId);
            }
            long wait = 0;
            try {
                HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                body = response.body();
                if (response.statusCode() == 200) {
                    connections.incrementAndGet();
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                        SseReader.read(in, sse -> record(sse.id(), sse.data()));
                    }
                } else {
                    body.close();
                    // a busy platform says when to come back (503 Retry-After): coming back sooner adds to its load
                    Duration retryAfter = ApiException.parseRetryAfter(
                            response.headers().firstValue("Retry-After").orElse(null));
                    wait = retryAfter == null ? 0 : retryAfter.toMillis();
                }
            } catch (IOException broken) {
                // the gateway went away: connect again, resuming after the last id seen
            } catch (InterruptedException e) {
                return;
            }
            pause(wait);
        }
    }

    private void record(String id, String data) {
        try {
            ConversationEvent event = json.readValue(data, ConversationEvent.class);
            synchronized (received) {
                received.add(new Received(event, System.nanoTime(), System.currentTimeMillis()));
            }
            lastId = id != null ? id : Long.toString(event.seq());
        } catch (IOException e) {
            throw new IllegalStateException("the stream sent an event that is not a ConversationEvent: " + data, e);
        }
    }

    /** Waits half a second, or {@code millis} if longer, before connecting again. */
    private void pause(long millis) {
        try {
            Thread.sleep(Math.max(500, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /**
     * Waits until the stream has shown the conversation's status become one of {@code statuses}, for at most
     * {@code max}; answers whether it did. As a UI learns a conversation ended: from its stream, not by polling.
     */
    public boolean awaitStatus(java.util.Set<ExecutionStatus> statuses, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            // a state update carries no status when only the metrics changed
            if (received().stream().anyMatch(r -> r.event().payload() instanceof ConversationStateUpdateEvent update
                    && update.status() != null && statuses.contains(update.status()))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** How many times the stream was opened (1 when it never broke). */
    public int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        InputStream open = body;
        if (open != null) {
            open.close();
        }
        reader.interrupt();
    }
}
