package dev.gantry.runtime.terminal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Splits shell input into its top-level statements the way OpenHands' {@code split_bash_commands}
 * (terminal/utils/command.py) does: statements on separate lines are separate; statements joined by
 * {@code ;}, {@code &&}, {@code ||}, {@code |} or a line ending in {@code \} stay together, as do the
 * lines of a quoted string, a heredoc, a {@code $( )} or a compound command ({@code if}, {@code for},
 * {@code while}, {@code { }}). Blank lines and comments belong to the statement before them. When the
 * input cannot be read with certainty (an unclosed quote or block, a {@code case}), it is one statement,
 * as OpenHands returns input it cannot parse unchanged: the splitter never refuses a command by mistake.
 */
final class CommandSplitter {

    private static final Set<String> OPENERS = Set.of("if", "case", "{");
    /** A loop's header, which its {@code do} continues and its {@code done} closes. */
    private static final Set<String> LOOPS = Set.of("for", "while", "until", "select");
    private static final Set<String> CLOSERS = Set.of("fi", "done", "esac", "}");
    private static final String WORD_DELIMITERS = " \t\n;&|()<>";

    private CommandSplitter() {
    }

    static List<String> split(String commands) {
        if (commands.isBlank()) {
            return List.of(commands);
        }
        List<String> segments = segments(commands);
        if (segments == null) {
            return List.of(commands);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder leading = new StringBuilder();
        for (String segment : segments) {
            if (isBlankOrComment(segment)) {
                if (statements.isEmpty()) {
                    leading.append(segment).append('\n');
                } else {
                    statements.set(statements.size() - 1, statements.getLast() + "\n" + segment);
                }
            } else {
                statements.add(leading + segment);
                leading.setLength(0);
            }
        }
        return statements.isEmpty() ? List.of(commands) : statements.stream().map(String::stripTrailing).toList();
    }

    /** The input cut at the newlines that end a statement; null when it cannot be read with certainty. */
    private static List<String> segments(String s) {
        List<String> segments = new ArrayList<>();
        Deque<String> blocks = new ArrayDeque<>();
        List<String[]> pendingHeredocs = new ArrayList<>();
        int parens = 0;
        int segmentStart = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    return null;
                }
                i = end + 1;
            } else if (c == '"' || c == '`') {
                int end = closingQuote(s, i, c);
                if (end < 0) {
                    return null;
                }
                i = end + 1;
            } else if (c == '#' && wordStart(s, i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end;
            } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                int end = s.indexOf('}', i);
                if (end < 0) {
                    return null;
                }
                i = end + 1;
            } else if (c == '(') {
                parens++;
                i++;
            } else if (c == ')') {
                if (--parens < 0) {
                    return null;
                }
                i++;
            } else if (c == '<' && s.startsWith("<<", i) && !s.startsWith("<<<", i)) {
                i = heredocMarker(s, i + 2, pendingHeredocs);
                if (i < 0) {
                    return null;
                }
            } else if (c == '\n') {
                int next = i + 1;
                if (!pendingHeredocs.isEmpty()) {
                    next = skipHeredocs(s, next, pendingHeredocs);
                    if (next < 0) {
                        return null;
                    }
                    pendingHeredocs.clear();
                }
                if (parens == 0 && blocks.isEmpty() && !continues(s.substring(segmentStart, i))) {
                    segments.add(s.substring(segmentStart, s.charAt(next - 1) == '\n' ? next - 1 : next));
                    segmentStart = next;
                }
                i = next;
            } else if (wordStart(s, i)) {
                int end = i;
                while (end < s.length() && WORD_DELIMITERS.indexOf(s.charAt(end)) < 0) {
                    end++;
                }
                String word = s.substring(i, end);
                if (word.equals("case")) {
                    return null;
                }
                if (OPENERS.contains(word) || LOOPS.contains(word)) {
                    blocks.push(word);
                } else if (word.equals("do")) {
                    if (blocks.isEmpty() || !LOOPS.contains(blocks.peek())) {
                        blocks.push(word);
                    }
                } else if (CLOSERS.contains(word)) {
                    if (blocks.isEmpty()) {
                        return null;
                    }
                    blocks.pop();
                }
                i = end == i ? i + 1 : end;
            } else {
                i++;
            }
        }
        if (parens != 0 || !blocks.isEmpty() || !pendingHeredocs.isEmpty()) {
            return null;
        }
        segments.add(s.substring(segmentStart));
        return segments;
    }

    /** Whether a line (without its comment) ends with an operator or a backslash that carries it onward. */
    private static boolean continues(String upToNewline) {
        String line = upToNewline.substring(upToNewline.lastIndexOf('\n') + 1);
        int comment = commentStart(line);
        String code = (comment < 0 ? line : line.substring(0, comment)).stripTrailing();
        return code.endsWith("&&") || code.endsWith("||") || code.endsWith("|") || code.endsWith("\\");
    }

    /** Where an unquoted comment starts in a single line, or -1 (quotes on the line are taken as closed). */
    private static int commentStart(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && wordStart(line, i)) {
                return i;
            }
        }
        return -1;
    }

    private static int closingQuote(String s, int open, char quote) {
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    /** Reads the delimiter after {@code <<} (or {@code <<-}); returns where reading goes on, or -1. */
    private static int heredocMarker(String s, int at, List<String[]> pending) {
        boolean dash = at < s.length() && s.charAt(at) == '-';
        int i = dash ? at + 1 : at;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        StringBuilder delimiter = new StringBuilder();
        while (i < s.length() && WORD_DELIMITERS.indexOf(s.charAt(i)) < 0) {
            char c = s.charAt(i);
            if (c != '\'' && c != '"' && c != '\\') {
                delimiter.append(c);
            }
            i++;
        }
        if (delimiter.isEmpty()) {
            return -1;
        }
        pending.add(new String[] {delimiter.toString(), dash ? "-" : ""});
        return i;
    }

    /** Skips the bodies of the heredocs opened on the line just ended; -1 when one is not closed. */
    private static int skipHeredocs(String s, int from, List<String[]> heredocs) {
        int i = from;
        for (String[] heredoc : heredocs) {
            while (true) {
                if (i >= s.length()) {
                    return -1;
                }
                int end = s.indexOf('\n', i);
                String line = s.substring(i, end < 0 ? s.length() : end);
                i = end < 0 ? s.length() : end + 1;
                String compared = heredoc[1].isEmpty() ? line : line.replaceFirst("^\t+", "");
                if (compared.equals(heredoc[0])) {
                    break;
                }
            }
        }
        // the newline that ends the last heredoc's delimiter line ends the statement
        return i;
    }

    private static boolean wordStart(String s, int i) {
        return i == 0 || " \t\n;&|(".indexOf(s.charAt(i - 1)) >= 0;
    }

    private static boolean isBlankOrComment(String segment) {
        return segment.lines().map(String::strip).allMatch(line -> line.isEmpty() || line.startsWith("#"));
    }
}
