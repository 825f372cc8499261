package dev.gantry.worker.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a shell command line the way bash splits it, far enough to rate it: lists ({@code ; && || &}, new lines) of
 * pipelines of simple commands, each with its words (quotes removed, escapes applied), its redirections (with the
 * body of a here-document) and the scripts of its command and process substitutions ({@code $(…)}, backquotes,
 * {@code <(…)}). Variables and globs are left as written. It never fails: text it cannot read becomes words.
 */
final class ShellSyntax {

    /** A redirection: {@code >}, {@code >>}, {@code <}, {@code <<} (with the here-document's body)... and its target. */
    record Redirect(String operator, String target, String body) {

        boolean writes() {
            return operator.contains(">") && !operator.equals(">&") && !operator.equals("<>");
        }
    }

    /** One simple command: its words, redirections and the scripts substituted into it. */
    record Command(List<String> words, List<Redirect> redirects, List<String> substitutions) {
    }

    /** Commands joined by pipes; the first one's output feeds the second's input... */
    record Pipeline(List<Command> commands) {
    }

    private static final Set<String> KEYWORDS = Set.of("if", "then", "else", "elif", "fi", "do", "done", "while",
            "until", "for", "case", "esac", "function", "{", "}", "!", "[[", "]]");

    private final String text;
    private int at;
    private final List<Pipeline> pipelines = new ArrayList<>();
    private List<Command> pipeline = new ArrayList<>();
    private List<String> words = new ArrayList<>();
    private List<Redirect> redirects = new ArrayList<>();
    private List<String> substitutions = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;
    /** The operator of a redirection whose target is the next word; null if none. */
    private String redirectOperator;
    /** Here-documents opened on the current line, whose bodies start on the next one. */
    private final List<HereDoc> pendingHereDocs = new ArrayList<>();

    private record HereDoc(List<Redirect> redirects, int index) {
    }

    private ShellSyntax(String text) {
        this.text = text;
    }

    static List<Pipeline> parse(String text) {
        ShellSyntax syntax = new ShellSyntax(text == null ? "" : text);
        syntax.read();
        return syntax.pipelines;
    }

    private void read() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '\\') {
                escape();
            } else if (c == '\'') {
                int end = text.indexOf('\'', at + 1);
                word.append(text, at + 1, end < 0 ? text.length() : end);
                inWord = true;
                at = end < 0 ? text.length() : end + 1;
            } else if (c == '"') {
                doubleQuoted();
            } else if (c == '$' && next(1) == '(' && next(2) == '(') {
                arithmetic();
            } else if (c == '$' && next(1) == '(') {
                substitution(at + 2, ')', at);
            } else if (c == '`') {
                substitution(at + 1, '`', at);
            } else if ((c == '<' || c == '>') && next(1) == '(' && !inWord) {
                substitution(at + 2, ')', at);
            } else if (c == '#' && !inWord) {
                int end = text.indexOf('\n', at);
                at = end < 0 ? text.length() : end;
            } else if (c == ' ' || c == '\t') {
                endWord();
                at++;
            } else if (c == '\n' || c == ';' || c == '(' || c == ')') {
                endPipeline();
                at++;
                if (c == '\n') {
                    hereDocBodies();
                }
            } else if (c == '&' && next(1) == '>') {
                redirect(next(2) == '>' ? "&>>" : "&>");
            } else if (c == '&') {
                endPipeline();
                at += next(1) == '&' ? 2 : 1;
            } else if (c == '|') {
                if (next(1) == '|') {
                    endPipeline();
                    at += 2;
                } else {
                    endCommand();
                    at += next(1) == '&' ? 2 : 1;
                }
            } else if (c == '>' || c == '<') {
                redirect(operatorAt(c));
            } else {
                word.append(c);
                inWord = true;
                at++;
            }
        }
        endPipeline();
    }

    /** {@code $((…))} computes a number: kept in the word as written. */
    private void arithmetic() {
        int end = text.indexOf("))", at);
        end = end < 0 ? text.length() : end + 2;
        word.append(text, at, end);
        inWord = true;
        at = end;
    }

    private char next(int offset) {
        return at + offset < text.length() ? text.charAt(at + offset) : '\0';
    }

    private void escape() {
        if (at + 1 < text.length() && text.charAt(at + 1) != '\n') {
            word.append(text.charAt(at + 1));
            inWord = true;
        }
        at += 2;
    }

    private void doubleQuoted() {
        inWord = true;
        at++;
        while (at < text.length() && text.charAt(at) != '"') {
            char c = text.charAt(at);
            if (c == '\\' && at + 1 < text.length() && "\"\\$`".indexOf(text.charAt(at + 1)) >= 0) {
                word.append(text.charAt(at + 1));
                at += 2;
            } else if (c == '$' && next(1) == '(' && next(2) != '(') {
                substitution(at + 2, ')', at);
            } else if (c == '`') {
                substitution(at + 1, '`', at);
            } else {
                word.append(c);
                at++;
            }
        }
        at++;
    }

    /** Records the script between {@code from} and its closing character; the word keeps the text as written. */
    private void substitution(int from, char close, int start) {
        int depth = 0;
        int i = from;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'' && close == ')') {
                int end = text.indexOf('\'', i + 1);
                i = end < 0 ? text.length() : end;
            } else if (c == '(' && close == ')') {
                depth++;
            } else if (c == close) {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
        }
        int end = Math.min(i, text.length());
        substitutions.add(text.substring(from, end));
        word.append(text, start, Math.min(end + 1, text.length()));
        inWord = true;
        at = end + 1;
    }

    private String operatorAt(char c) {
        String digits = inWord && word.chars().allMatch(Character::isDigit) ? word.toString() : null;
        if (digits != null) {
            word.setLength(0);
            inWord = false;
        }
        StringBuilder operator = new StringBuilder().append(c);
        for (int i = at + 1; i < text.length() && operator.length() < 3; i++) {
            char n = text.charAt(i);
            if (n == '>' || n == '<' || n == '&' || n == '|' || (n == '-' && operator.toString().equals("<<"))) {
                operator.append(n);
            } else {
                break;
            }
        }
        return operator.toString();
    }

    private void redirect(String operator) {
        endWord();
        at += operator.length();
        redirectOperator = operator;
    }

    private void endWord() {
        if (!inWord) {
            return;
        }
        String done = word.toString();
        word.setLength(0);
        inWord = false;
        if (redirectOperator != null) {
            if (redirectOperator.startsWith("<<") && !redirectOperator.equals("<<<")) {
                pendingHereDocs.add(new HereDoc(redirects, redirects.size()));
            }
            redirects.add(new Redirect(redirectOperator, done, null));
            redirectOperator = null;
        } else if (!(words.isEmpty() && KEYWORDS.contains(done))) {
            words.add(done);
        }
    }

    private void endCommand() {
        endWord();
        if (!words.isEmpty() || !redirects.isEmpty()) {
            pipeline.add(new Command(List.copyOf(words), redirects, List.copyOf(substitutions)));
        }
        words = new ArrayList<>();
        redirects = new ArrayList<>();
        substitutions = new ArrayList<>();
    }

    private void endPipeline() {
        endCommand();
        if (!pipeline.isEmpty()) {
            pipelines.add(new Pipeline(List.copyOf(pipeline)));
        }
        pipeline = new ArrayList<>();
    }

    /** Takes the bodies of the here-documents opened on the line just ended, up to each one's delimiter line. */
    private void hereDocBodies() {
        for (HereDoc pending : pendingHereDocs) {
            Redirect doc = pending.redirects().get(pending.index());
            boolean stripTabs = doc.operator().equals("<<-");
            StringBuilder body = new StringBuilder();
            while (at < text.length()) {
                int end = text.indexOf('\n', at);
                String line = text.substring(at, end < 0 ? text.length() : end);
                at = end < 0 ? text.length() : end + 1;
                if ((stripTabs ? line.stripLeading() : line).equals(doc.target())) {
                    break;
                }
                body.append(line).append('\n');
            }
            pending.redirects().set(pending.index(), new Redirect(doc.operator(), doc.target(), body.toString()));
        }
        pendingHereDocs.clear();
    }
}
