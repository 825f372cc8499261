package dev.gantry.eventstore.stream;

/**
 * The seq of the last event a stream has sent: an event at or below it is a repeat (seen in the
 * log and then announced live, or announced twice) and is dropped.
 */
final class StreamCursor {

    // written and read by whichever thread runs the stream's pipeline at the time, one at a time
    private volatile long lastSeq;

    StreamCursor(long afterSeq) {
        this.lastSeq = afterSeq;
    }

    long lastSeq() {
        return lastSeq;
    }

    /** Whether the item goes out; an event that does moves the cursor. */
    boolean admit(StreamItem item) {
        return switch (item) {
            case Heartbeat heartbeat -> true;
            case EventFrame frame -> {
                if (frame.seq() <= lastSeq) {
                    yield false;
                }
                lastSeq = frame.seq();
                yield true;
            }
        };
    }
}
