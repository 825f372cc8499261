package dev.gantry.cli;

/** One server-sent event: {@code id}, {@code event} and the joined {@code data} lines. */
public record SseEvent(String id, String event, String data) {
}
