package dev.gantry.runtime.editor;

import java.util.Arrays;
import java.util.List;

/**
 * A text file seen as lines, the way {@code cat -n} numbers them: a final newline ends the last line
 * rather than starting an empty one.
 */
record FileText(String text) {

    private static final String LINE_NUMBER_FORMAT = "%6d\t%s";

    List<String> lines() {
        if (text.isEmpty()) {
            return List.of();
        }
        String body = endsWithNewline() ? text.substring(0, text.length() - 1) : text;
        return Arrays.asList(body.split("\n", -1));
    }

    int lineCount() {
        return lines().size();
    }

    boolean endsWithNewline() {
        return text.endsWith("\n");
    }

    /** Lines {@code from} to {@code to} (1-based, inclusive, clamped to the file) with their numbers. */
    String numbered(int from, int to) {
        List<String> lines = lines();
        StringBuilder out = new StringBuilder();
        for (int number = Math.max(1, from); number <= Math.min(to, lines.size()); number++) {
            out.append(LINE_NUMBER_FORMAT.formatted(number, lines.get(number - 1))).append('\n');
        }
        return out.toString();
    }

    /** The 1-based line on which the character at {@code index} stands. */
    int lineAt(int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static int newlines(String text) {
        return (int) text.chars().filter(c -> c == '\n').count();
    }
}
