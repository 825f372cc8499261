package dev.gantry.runtime.terminal;

/**
 * The output of one terminal call, bounded: it keeps the first and the last characters and counts what it
 * dropped in between, so a command that prints gigabytes costs a fixed amount of memory.
 */
final class OutputWindow {

    /** OpenHands' truncation notice (sdk utils/truncate.py), which models recognise. */
    static final String CLIPPED_NOTICE = "<response clipped><NOTE>Due to the max output limit, only part of the"
            + " full response has been shown to you.</NOTE>";

    private final int headLimit;
    private final int tailLimit;
    private final StringBuilder head = new StringBuilder();
    private final StringBuilder tail = new StringBuilder();
    private long removed;

    /** @param maxChars the most characters {@link #render()} returns, besides the notice */
    OutputWindow(int maxChars) {
        this.headLimit = maxChars / 2;
        this.tailLimit = maxChars - headLimit;
    }

    void append(CharSequence text, int start, int end) {
        int toHead = Math.min(headLimit - head.length(), end - start);
        head.append(text, start, start + toHead);
        tail.append(text, start + toHead, end);
        // trimming in batches keeps deletes rare when output streams in small chunks
        if (tail.length() > 2 * tailLimit) {
            dropTailBeyond(tailLimit);
        }
    }

    /** The text with escape sequences removed; over the limit, head and tail around a notice of the cut. */
    String render() {
        if (removed == 0 && head.length() + tail.length() <= headLimit + tailLimit) {
            return TerminalText.clean(head.toString() + tail);
        }
        dropTailBeyond(tailLimit);
        return TerminalText.clean(head.toString())
                + CLIPPED_NOTICE
                + TerminalText.clean(tail.toString());
    }

    private void dropTailBeyond(int keep) {
        int excess = tail.length() - keep;
        if (excess > 0) {
            tail.delete(0, excess);
            removed += excess;
        }
    }
}
