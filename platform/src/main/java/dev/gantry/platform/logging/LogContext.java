package dev.gantry.platform.logging;

import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.MDC;

/**
 * The ids a log line is about, as MDC entries: JSON logs (the chart's) carry them in {@code mdc}, so every line of
 * one conversation, sandbox or user can be found together. On a request they last as long as its Vert.x context;
 * on a thread of one's own, until {@link #clear()}.
 */
public final class LogContext {

    public static final String CONVERSATION_ID = "conversationId";
    public static final String SANDBOX_ID = "sandboxId";
    public static final String USER_ID = "userId";

    private LogContext() {
    }

    public static void conversation(UUID conversationId) {
        put(CONVERSATION_ID, conversationId);
    }

    public static void sandbox(UUID sandboxId) {
        put(SANDBOX_ID, sandboxId);
    }

    public static void user(String userId) {
        put(USER_ID, userId);
    }

    /** The conversation or sandbox a request's path names: the id that follows {@code conversations/} or {@code sandboxes/}. */
    public static void aboutPath(String path) {
        String[] segments = path.split("/");
        for (int i = 0; i + 1 < segments.length; i++) {
            Optional<UUID> id = uuid(segments[i + 1]);
            if (segments[i].equals("conversations")) {
                id.ifPresent(LogContext::conversation);
            } else if (segments[i].equals("sandboxes")) {
                id.ifPresent(LogContext::sandbox);
            }
        }
    }

    /** Takes the three ids off this thread, so the next task on it does not log under them. */
    public static void clear() {
        MDC.remove(CONVERSATION_ID);
        MDC.remove(SANDBOX_ID);
        MDC.remove(USER_ID);
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    private static void put(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value.toString());
        }
    }
}
