package dev.gantry.cli;

/**
 * Text from the agent, the user or a tool made safe to print on a terminal: control characters (escape
 * sequences that could move the cursor, rewrite earlier lines or retitle the window) are shown as {@code ?};
 * newlines and tabs stay.
 */
public final class TerminalText {

    private TerminalText() {
    }

    public static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (Character.isISOControl(c) && c != '\n' && c != '\t')
                    || Character.getType(c) == Character.FORMAT && c >= '\u202a' && c <= '\u202e'
                    || c >= '\u2066' && c <= '\u2069';
            if (control && safe == null) {
                safe = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (safe != null) {
                safe.append(control ? '?' : c);
            }
        }
        return safe == null ? text : safe.toString();
    }

    /** One line of at most {@code width} characters: newlines as spaces, the cut marked with an ellipsis. */
    public static String oneLine(String text, int width) {
        String line = safe(text).replace('\n', ' ').replace('\t', ' ').strip();
        return line.length() <= width ? line : line.substring(0, Math.max(0, width - 1)) + "…";
    }
}
