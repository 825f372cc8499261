package dev.gantry.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads a {@code text/event-stream} as the HTML standard defines it: fields until a blank line,
 * {@code data} lines joined with a newline, comments (heartbeats) skipped.
 */
public final class SseReader {

    private SseReader() {
    }

    /** Hands every complete event to {@code sink} until the stream ends. */
    public static void read(BufferedReader in, Consumer<SseEvent> sink) throws IOException {
        String id = null;
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    sink.accept(new SseEvent(id, event == null ? "message" : event, data.toString()));
                }
                event = null;
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                    // "retry" and unknown fields change nothing for this client
                }
            }
        }
    }
}
