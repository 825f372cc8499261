package dev.gantry.runtime.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cases of OpenHands' tests/tools/terminal/test_terminal_parsing.py, as the splitter must answer them. */
class CommandSplitterTest {

    @ParameterizedTest
    @DisplayName("test_single_commands / test_split_single_commands: one statement stays one")
    @ValueSource(strings = {
        "ls -l",
        "echo 'Hello, world!'",
        "cd /tmp && touch test.txt",
        "echo -e 'line1\\nline2\\nline3'",
        "grep 'pattern' file.txt | sort | uniq",
        "for i in {1..5}; do echo $i; done",
        "echo 'Single quotes don\\'t escape'",
        "echo \"Double quotes \\\"do\\\" escape\"",
        "for i in 1 2 3\ndo\n  echo n$i\ndone",
        "if true\nthen\n  echo yes\nfi",
        "f() {\n  echo in f\n}",
        "echo $(\n  date\n)",
        "ls |\n  sort",
        "true &&\nfalse",
        "echo -e 'hello\nworld\nare\nyou\\n\nthere?'",
        "echo -e 'hello\nworld \"\n'",
    })
    void aSingleStatementIsNotSplit(String command) {
        assertEquals(List.of(command), CommandSplitter.split(command));
    }

    @ParameterizedTest
    @DisplayName("test_invalid_syntax / test_unclosed_backtick: input that cannot be read is one statement")
    @ValueSource(strings = {"echo \"Unclosed quote\nls", "echo 'Unclosed quote\nls", "cat <<EOF\nUnclosed heredoc",
        "echo `date\nls", "case $x in\n a) echo a;;\nesac\nls"})
    void unreadableInputIsReturnedWhole(String command) {
        assertEquals(List.of(command), CommandSplitter.split(command));
    }

    @Test
    @DisplayName("test_heredoc: the heredoc body belongs to its command")
    void heredoc() {
        assertEquals(List.of("cat <<EOF\nmultiline\ntext\nEOF", "echo \"Done\""),
                CommandSplitter.split("cat <<EOF\nmultiline\ntext\nEOF\necho \"Done\""));
        assertEquals(List.of("kubectl apply -f - <<'EOF'\nkind: Pod\nEOF", "ls"),
                CommandSplitter.split("kubectl apply -f - <<'EOF'\nkind: Pod\nEOF\nls"));
    }

    @Test
    @DisplayName("test_backslash_continuation: a line ending in a backslash goes on")
    void backslashContinuation() {
        assertEquals(List.of("echo \"This is a long \\\ncommand that spans \\\nmultiple lines\"", "echo \"Next command\""),
                CommandSplitter.split("echo \"This is a long \\\ncommand that spans \\\nmultiple lines\"\n"
                        + "echo \"Next command\""));
    }

    @Test
    @DisplayName("test_comments / test_split_commands_with_empty_lines: comments and blank lines join the statement before")
    void commentsAndBlankLines() {
        assertEquals(List.of("echo \"Hello\" # This is a comment\n# This is another comment", "ls -l"),
                CommandSplitter.split("echo \"Hello\" # This is a comment\n# This is another comment\nls -l"));
        assertEquals(List.of("ls -l", "echo hi"), CommandSplitter.split("ls -l\n\n\necho hi"));
    }

    @Test
    @DisplayName("test_complex_quoting: quoted separators and escapes do not split")
    void complexQuoting() {
        String input = "echo \"This is a \\\"quoted\\\" string\"\necho 'This is a '\\''single-quoted'\\'' string'\n"
                + "echo \"Mixed 'quotes' in \\\"double quotes\\\"\"";
        assertEquals(3, CommandSplitter.split(input).size(), String.valueOf(CommandSplitter.split(input)));
    }

    @Test
    @DisplayName("test_split_commands_util: a compound loop after a chained line is one statement")
    void compoundAfterChain() {
        assertEquals(List.of("ls", "mkdir -p m && for a in 1 2; do\n  for b in 3 4; do\n    touch m/$a$b\n  done\ndone"),
                CommandSplitter.split("ls\nmkdir -p m && for a in 1 2; do\n  for b in 3 4; do\n    touch m/$a$b\n"
                        + "  done\ndone"));
    }
}
