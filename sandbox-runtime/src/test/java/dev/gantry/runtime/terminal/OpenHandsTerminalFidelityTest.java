package dev.gantry.runtime.terminal;

import static dev.gantry.runtime.RuntimeApi.run;
import static dev.gantry.runtime.RuntimeApi.terminal;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The terminal behaves as OpenHands' terminal tool does (openhands-tools/openhands/tools/terminal); each
 * test names the OpenHands test or code it follows.
 */
@QuarkusTest
class OpenHandsTerminalFidelityTest {

    @BeforeEach
    void freshShell() {
        terminal(Map.of("reset", true)).statusCode(200);
    }

    @Test
    @DisplayName("test_terminal_reset.py test_bash_reset_with_is_input_validation: refused, and the shell is not reset")
    void resetWithIsInputIsRefusedAndChangesNothing() {
        run("cd /tmp && export KEPT=yes").body("exitCode", is(0));
        terminal(Map.of("command", "", "reset", true, "isInput", true))
                .statusCode(400)
                .body("errors[0].field", is("reset"))
                .body("errors[0].reason", is("Cannot use reset=True with is_input=True"));
        run("echo $KEPT").body("output", startsWith("yes\n")).body("workingDir", is("/tmp"));
    }

    @Test
    @DisplayName("terminal_session.py execute (split_bash_commands): commands on separate lines are refused, none runs")
    void commandsOnSeparateLinesAreRefusedAndNoneRuns() {
        terminal(Map.of("command", "touch /tmp/gantry-split-one\ntouch /tmp/gantry-split-two"))
                .statusCode(422)
                .body("detail", is("Cannot execute multiple commands at once.\nPlease run each command separately OR"
                        + " chain them into a single command via && or ;\nProvided commands:\n"
                        + "(1) touch /tmp/gantry-split-one\n(2) touch /tmp/gantry-split-two"));
        run("ls /tmp/gantry-split-one /tmp/gantry-split-two 2>&1 | wc -l; test ! -e /tmp/gantry-split-one")
                .body("exitCode", is(0));
    }

    @Test
    @DisplayName("test_heredoc: a heredoc spanning lines is one command and runs")
    void aHeredocIsOneCommand() {
        run("cat <<'EOF'\nline one\nline two\nEOF").body("output", startsWith("line one\nline two\n"))
                .body("exitCode", is(0));
    }

    @Test
    @DisplayName("test_literal_arg_guard.py test_literal_command_returns_structured_error_without_shell")
    void aJsonListIsAnsweredWithTheToolArgumentHint() {
        terminal(Map.of("command", "[\"ls\", \"-la\"]"))
                .statusCode(422)
                .body("detail", allOf(startsWith("[Tool-argument error] The `command` argument looks like a"
                        + " Python/JSON list literal, not a shell command. It starts with: '[\"ls\", \"-la\"]'\n\n"
                        + "The `terminal` tool runs exactly ONE shell command at a time."),
                        containsString("Do not put a Python list/dict literal into the `command` field; the shell"
                                + " cannot interpret it.")));
        run("[ -d /tmp ] && [[ -n x ]] && { echo group; }").body("output", startsWith("group\n"));
    }

    @Test
    @DisplayName("terminal_session.py _handle_completed_command: after a key ends the command, 'CTRL+C was sent.'")
    void anInterruptSaysCtrlCWasSent() {
        terminal(Map.of("command", "sleep 60", "timeoutSeconds", 0.3)).statusCode(200).body("exitCode", is(-1));
        terminal(Map.of("command", "C-c", "isInput", true))
                .statusCode(200)
                .body("output", containsString("[The command completed with exit code 130. CTRL+C was sent.]"))
                .body("exitCode", is(130));
    }

    @Test
    @DisplayName("terminal_session.py _handle_hard_timeout_command: 'The command timed out after N seconds.' + TIMEOUT_MESSAGE_TEMPLATE")
    void aTimeoutUsesOpenHandsWording() {
        terminal(Map.of("command", "sleep 60", "timeoutSeconds", 1))
                .statusCode(200)
                .body("output", containsString("[The command timed out after 1 seconds. You may wait longer to see"
                        + " additional output by sending empty command '', send other commands to interact with the"
                        + " current process, send keys (\"C-c\", \"C-z\", \"C-d\") to interrupt/kill the previous"
                        + " command before sending your new command, or use the timeout parameter in terminal for"
                        + " future commands.]"))
                .body("exitCode", is(-1));
        terminal(Map.of("command", "C-c", "isInput", true)).statusCode(200);
    }

    @Test
    @DisplayName("terminal/impl.py reset: OpenHands' reset notice; a command sent with reset runs after it")
    void resetUsesOpenHandsNotice() {
        terminal(Map.of("command", "", "reset", true))
                .statusCode(200)
                .body("output", is("Terminal session has been reset. All previous environment variables and session"
                        + " state have been cleared."));
        terminal(Map.of("command", "echo after", "reset", true))
                .statusCode(200)
                .body("output", startsWith("Terminal session has been reset. All previous environment variables and"
                        + " session state have been cleared.\n\nafter\n"));
    }

    @Test
    @DisplayName("terminal_session.py execute: input or an empty command with nothing running, in OpenHands' words")
    void nothingRunningUsesOpenHandsWording() {
        terminal(Map.of("command", "hello", "isInput", true))
                .statusCode(409)
                .body("detail", is("No previous running command to interact with."));
        terminal(Map.of("command", ""))
                .statusCode(409)
                .body("detail", is("No previous running command to retrieve logs from."));
    }
}
