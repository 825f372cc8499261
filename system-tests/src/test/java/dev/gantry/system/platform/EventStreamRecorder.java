package dev.gantry.system.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.cli.SseReader;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.event.ConversationEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live SSE client of {@code /api/v1/conversations/{id}/events/stream}, as a UI would open it:
 * it records every event it receives, in order, on a thread of its own.
 */
public final class EventStreamRecorder implements AutoCloseable {

    private final ObjectMapper json = GantryJson.mapper();
    private final List<ConversationEvent> events = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();
    private final AtomicInteger status = new AtomicInteger();
    private final Thread reader;
    private volatile InputStream body;

    public EventStreamRecorder(URI gateway, String conversationId, String token) {
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/v1/conversations/" + conversationId
                        + "/events/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET().build();
        reader = Thread.ofVirtual().start(() -> read(request));
    }

    private void read(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofInputStream());
            status.set(response.statusCode());
            body = response.body();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                SseReader.read(in, sse -> record(sse.data()));
            }
        } catch (IOException e) {
            // the stream was closed (by close() or by the server): what was received stays recorded
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(String data) {
        try {
            ConversationEvent event = json.readValue(data, ConversationEvent.class);
            synchronized (events) {
                events.add(event);
                arrivals.add(System.nanoTime());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the stream sent an event that is not a ConversationEvent: " + data, e);
        }
    }

    /** The HTTP status the stream was answered with, 0 before the answer. */
    public int status() {
        return status.get();
    }

    public List<ConversationEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** When each event of {@link #events()} arrived, by {@link System#nanoTime()}: for latency figures. */
    public List<Long> arrivals() {
        synchronized (events) {
            return List.copyOf(arrivals);
        }
    }

    @Override
    public void close() throws IOException {
        InputStream stream = body;
        if (stream != null) {
            stream.close();
        }
        reader.interrupt();
    }
}
