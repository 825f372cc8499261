package dev.gantry.cli.chat;

import dev.gantry.cli.ApiException;
import dev.gantry.cli.GantryApi;
import dev.gantry.contracts.event.ConversationEvent;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Follows a conversation's event stream on a thread of its own, for as long as the chat is open: when the
 * stream breaks it opens it again after the last event seen ({@code Last-Event-ID}), and hands on each
 * event once, in order, so a reconnect leaves no gap and no duplicate. It gives up on an answer that
 * will not change (a 4xx: the token refused, the conversation deleted) or after {@link #MAX_FAILURES}
 * failed attempts in a row.
 */
final class EventFollower implements Runnable {

    static final int MAX_FAILURES = 8;
    private static final Duration AFTER_END = Duration.ofMillis(200);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

    /** What the follower reports besides events. */
    interface Listener {
        void event(ConversationEvent event);

        void notice(String text);

        void failed(ApiException failure);
    }

    private final GantryApi gantry;
    private final String conversationId;
    private final Listener listener;
    private volatile long lastSeq;
    private volatile boolean closed;
    private volatile GantryApi.EventStream current;

    EventFollower(GantryApi gantry, String conversationId, long afterSeq, Listener listener) {
        this.gantry = gantry;
        this.conversationId = conversationId;
        this.lastSeq = afterSeq;
        this.listener = listener;
    }

    /** Starts following on a daemon thread. */
    EventFollower start() {
        Thread thread = new Thread(this, "gantry-chat-events");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    @Override
    public void run() {
        int failures = 0;
        boolean lost = false;
        while (!closed) {
            try (GantryApi.EventStream stream = gantry.openStream(conversationId, lastSeq)) {
                current = stream;
                if (closed) {
                    return;
                }
                if (lost) {
                    listener.notice("(reconnected; resuming after event " + lastSeq + ")");
                    lost = false;
                }
                failures = 0;
                stream.read(this::handOn);
                // the server closed the stream: open it again where it left off, after a breath
                pause(0);
            } catch (ApiException e) {
                if (closed) {
                    return;
                }
                if (e.status() >= 400 && e.status() < 500 && e.status() != 429 || ++failures > MAX_FAILURES) {
                    listener.failed(e);
                    return;
                }
                if (!lost) {
                    listener.notice("(connection lost: " + e.getMessage() + "; reconnecting)");
                    lost = true;
                }
                pause(failures);
            } catch (RuntimeException e) {
                if (!closed) {
                    listener.failed(new ApiException(e.getMessage(), e));
                }
                return;
            }
        }
    }

    private void handOn(ConversationEvent event) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (event.seq() > lastSeq) {
            lastSeq = event.seq();
            listener.event(event);
        }
    }

    private void pause(int failures) {
        long millis = failures == 0 ? AFTER_END.toMillis()
                : Math.min(LONGEST_PAUSE.toMillis(), FIRST_PAUSE.toMillis() << Math.min(failures - 1, 10));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops following: the open stream is closed. */
    void close() {
        closed = true;
        GantryApi.EventStream stream = current;
        if (stream != null) {
            stream.close();
        }
    }

    long lastSeq() {
        return lastSeq;
    }
}
