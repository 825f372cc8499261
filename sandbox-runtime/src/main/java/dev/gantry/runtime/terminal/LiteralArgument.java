package dev.gantry.runtime.terminal;

import java.util.Optional;

/**
 * Recognises a tool call that put a Python/JSON list or dict where a shell command belongs, and the hint
 * OpenHands answers it with instead of running it (terminal/definition.py,
 * {@code looks_like_python_literal_argument}). Bash's own {@code [ }, {@code [[ } and {@code { } are
 * always followed by a blank, which is how they are told apart.
 */
final class LiteralArgument {

    private LiteralArgument() {
    }

    /** "list literal", "nested list literal" or "dict literal" when the command looks like one. */
    static Optional<String> kind(String command) {
        String text = command.stripLeading();
        if (text.length() < 2) {
            return Optional.empty();
        }
        char first = text.charAt(0);
        char second = text.charAt(1);
        if (first == '[' && (second == '{' || second == '"' || second == '\'')) {
            return Optional.of("list literal");
        }
        if (first == '[' && second == '[') {
            return text.length() >= 3 && text.charAt(2) != ' ' && text.charAt(2) != '\t'
                    ? Optional.of("nested list literal")
                    : Optional.empty();
        }
        if (first == '{' && (second == '"' || second == '\'')) {
            return Optional.of("dict literal");
        }
        return Optional.empty();
    }

    /** OpenHands' hint, word for word: models are trained to recover from it. */
    static String hint(String kind, String command) {
        String head = command.stripLeading();
        head = head.substring(0, Math.min(60, head.length()));
        return "[Tool-argument error] The `command` argument looks like a Python/JSON " + kind
                + ", not a shell command. It starts with: " + pythonRepr(head) + "\n\n"
                + "The `terminal` tool runs exactly ONE shell command at a time. To pass structured data or"
                + " multi-line code:\n"
                + "  - Write a script first with `file_editor` (command=\"create\", path=\"/tmp/run.py\", ...),"
                + " then invoke it: `python /tmp/run.py`.\n"
                + "  - Or use a heredoc inline, e.g.:\n"
                + "        python - <<'EOF'\n"
                + "        DATABASES = {'default': {...}}\n"
                + "        # your code here\n"
                + "        EOF\n\n"
                + "Do not put a Python list/dict literal into the `command` field; the shell cannot interpret it.";
    }

    /** The text as Python's {@code repr} shows a str: single quotes unless it holds one and no double quote. */
    private static String pythonRepr(String text) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c == quote) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.append(quote).toString();
    }
}
