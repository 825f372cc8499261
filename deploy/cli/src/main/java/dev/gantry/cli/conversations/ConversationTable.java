package dev.gantry.cli.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.TerminalText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Conversations as a table: id, status, title and when each last changed. */
public final class ConversationTable {

    static final int TITLE_WIDTH = 48;
    private static final String ROW = "%-36s  %-24s  %-" + TITLE_WIDTH + "s  %s%n";
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ConversationTable() {
    }

    /** The table of a page's {@code items}, with a header; a line saying so when there are none. */
    public static String render(JsonNode items, ZoneId zone) {
        if (items.isEmpty()) {
            return "no conversations\n";
        }
        StringBuilder table = new StringBuilder(String.format(ROW, "ID", "STATUS", "TITLE", "UPDATED"));
        for (JsonNode conversation : items) {
            String title = conversation.path("title").asText("");
            table.append(String.format(ROW, TerminalText.oneLine(conversation.path("id").asText(), 36),
                    TerminalText.oneLine(conversation.path("status").asText(), 24),
                    title.isBlank() ? "(untitled)" : TerminalText.oneLine(title, TITLE_WIDTH),
                    time(conversation.path("updatedAt").asText(null), zone)));
        }
        return table.toString();
    }

    /** An instant of the API to the minute, in the reader's time zone. */
    static String time(String instant, ZoneId zone) {
        if (instant == null) {
            return "-";
        }
        try {
            return MINUTES.format(Instant.parse(instant).atZone(zone));
        } catch (DateTimeParseException e) {
            return TerminalText.oneLine(instant, 30);
        }
    }
}
