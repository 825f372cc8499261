package dev.gantry.runtime.terminal;

import java.util.regex.Pattern;

/** Turns what a terminal printed into plain text for a model: no escape sequences, no CR before LF. */
final class TerminalText {

    /**
     * CSI sequences (colours, cursor moves), OSC sequences (window titles, hyperlinks) ended by BEL or ST,
     * and the two-character escapes (charset selection, keypad modes).
     */
    private static final Pattern ESCAPE_SEQUENCE = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]"
                    + "|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)"
                    + "|\u001B[()][0-9A-Za-z]"
                    + "|\u001B[@-Z\\\\-_=>]");

    private TerminalText() {
    }

    static String clean(String raw) {
        String text = raw.indexOf('\u001B') < 0 ? raw : ESCAPE_SEQUENCE.matcher(raw).replaceAll("");
        return text.replace("\r\n", "\n");
    }
}
