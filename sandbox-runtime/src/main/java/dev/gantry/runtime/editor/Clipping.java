package dev.gantry.runtime.editor;

/**
 * Shortens a long answer the way OpenHands' {@code maybe_truncate} does: the head and the tail are kept
 * around a notice, and the whole stays within the limit. The notices are OpenHands' own wording, which
 * models are trained to act on.
 */
final class Clipping {

    static final String FILE_NOTICE = "<response clipped><NOTE>Due to the max output limit, only part of this"
            + " file has been shown to you. You should retry this tool after you have searched inside the file"
            + " with `grep -n` in order to find the line numbers of what you are looking for.</NOTE>";
    static final String DIRECTORY_NOTICE = "<response clipped><NOTE>Due to the max output limit, only part of"
            + " this directory has been shown to you. You should use `ls -la` instead to view large directories"
            + " incrementally.</NOTE>";

    private Clipping() {
    }

    static String clip(String content, int limit, String notice) {
        if (limit <= 0 || content.length() <= limit) {
            return content;
        }
        if (notice.length() >= limit) {
            return notice.substring(0, limit);
        }
        int available = limit - notice.length();
        int head = available / 2 + available % 2;
        int tail = available - head;
        return content.substring(0, head) + notice + (tail > 0 ? content.substring(content.length() - tail) : "");
    }
}
