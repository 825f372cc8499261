package dev.gantry.runtime.terminal;

import static dev.gantry.runtime.RuntimeApi.authorized;
import static dev.gantry.runtime.RuntimeApi.run;
import static dev.gantry.runtime.RuntimeApi.terminal;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.contracts.problem.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TerminalResourceTest {

    private static final String NOTHING_NEW_FOR_2_SECONDS = "[The command has no new output after 2 seconds. You may wait longer";

    @BeforeEach
    void freshShell() {
        terminal(Map.of("reset", true)).statusCode(200);
    }

    @Test
    void reportsOutputExitCodeAndWorkingDirectoryTheWayOpenHandsDoes() {
        run("echo hello; cd /tmp; bash -c 'exit 7'")
                .body("output", is("hello\n[The command completed with exit code 7.]\n[Current working directory: /tmp]\n"
                        + "[Command finished with exit code 7]"))
                .body("exitCode", is(7))
                .body("workingDir", is("/tmp"))
                .body("timedOut", is(false));
    }

    @Test
    void keepsWorkingDirectoryVariablesAndFunctionsAcrossCalls() {
        run("mkdir -p /tmp/gantry-cwd-test && cd /tmp/gantry-cwd-test && export GREETING=hi && greet() { echo \"$GREETING $1\"; }");
        run("pwd; greet ada")
                .body("output", startsWith("/tmp/gantry-cwd-test\nhi ada\n"))
                .body("workingDir", is("/tmp/gantry-cwd-test"));
    }

    @Test
    void runsAMultiLineLoopAsOneCommand() {
        run("for i in 1 2 3\ndo\n  echo n$i\ndone; false")
                .body("output", startsWith("n1\nn2\nn3\n"))
                .body("exitCode", is(1));
    }

    @Test
    void keepsABackgroundJobRunningBetweenCalls() {
        String pid = run("sleep 120 & echo $!").extract().path("output").toString().lines().findFirst().orElseThrow();
        run("kill -0 " + pid + " && echo alive; jobs")
                .body("output", allOf(startsWith("alive\n"), containsString("Running")));
    }

    @Test
    void softTimeoutReturnsTheOutputSoFarAndCtrlCInterrupts() {
        run("echo started; sleep 60")
                .body("output", allOf(startsWith("started\n"), containsString(NOTHING_NEW_FOR_2_SECONDS),
                        containsString("C-c")))
                .body("exitCode", is(-1))
                .body("timedOut", is(true));
        run("C-c")
                .body("output", allOf(startsWith("[Below is the output of the previous command.]"),
                        endsWith("[Command finished with exit code 130]")))
                .body("exitCode", is(130));
    }

    @Test
    void timeoutSecondsIsAHardLimitThatKeepsTheCommandRunning() {
        terminal(Map.of("command", "echo one; sleep 0.2; echo two; sleep 60", "timeoutSeconds", 2.5))
                .statusCode(200)
                .body("output", allOf(startsWith("one\ntwo\n"), containsString("[The command timed out after 2.5 seconds. You may wait longer")))
                .body("exitCode", is(-1))
                .body("timedOut", is(true));
        run("").body("timedOut", is(true));
        run("C-c").body("exitCode", is(130));
    }

    @Test
    void refusesANewCommandWhileOneIsRunning() {
        terminal(Map.of("command", "sleep 60", "timeoutSeconds", 0.3)).statusCode(200).body("exitCode", is(-1));
        run("echo should-not-run")
                .body("output", allOf(containsString("[Your command \"echo should-not-run\" is NOT executed. The previous command is still running"), not(containsString("should-not-run\n"))))
                .body("exitCode", is(-1));
        run("C-c").body("exitCode", is(130));
    }

    @Test
    void sendsInputToBashRead() {
        run("read -p 'name? ' NAME; echo \"hello $NAME\"")
                .body("output", allOf(startsWith("name? "), containsString(NOTHING_NEW_FOR_2_SECONDS)))
                .body("exitCode", is(-1));
        terminal(Map.of("command", "Ada", "isInput", true)).statusCode(200)
                .body("output", containsString("hello Ada\n"))
                .body("exitCode", is(0));
    }

    @Test
    void sendsInputToPythonInput() {
        run("python3 -c 'print(\"got\", input(\"value? \"))'")
                .body("output", allOf(startsWith("value? "), containsString(NOTHING_NEW_FOR_2_SECONDS)))
                .body("exitCode", is(-1));
        terminal(Map.of("command", "42", "isInput", true)).statusCode(200)
                .body("output", containsString("got 42\n"))
                .body("exitCode", is(0));
    }

    @Test
    void ctrlDEndsTheInputOfARunningProgram() {
        terminal(Map.of("command", "cat > /tmp/gantry-ctrl-d.txt", "timeoutSeconds", 0.3)).statusCode(200);
        terminal(Map.of("command", "line one", "isInput", true, "timeoutSeconds", 0.3)).statusCode(200);
        terminal(Map.of("command", "C-d", "isInput", true)).statusCode(200).body("exitCode", is(0));
        run("cat /tmp/gantry-ctrl-d.txt").body("output", startsWith("line one\n"));
    }

    @Test
    void cutsLongOutputInTheMiddleKeepingHeadAndTail() {
        String output = run("seq 1 40000").extract().path("output");
        assertAll(
                () -> assertTrue(output.startsWith("1\n2\n3\n"), "the head is kept"),
                () -> assertTrue(output.contains("\n40000\n"), "the tail is kept"),
                () -> assertTrue(output.contains(OutputWindow.CLIPPED_NOTICE), "the cut is announced"),
                () -> assertTrue(output.length() < 31_000, "length " + output.length()));
    }

    @Test
    void stripsColourCodes() {
        run("printf '\\033[1;31mred\\033[0m plain\\n'")
                .body("output", startsWith("red plain\n"))
                .body("output", not(containsString("\u001B")));
    }

    @Test
    void resetKillsTheShellAndItsBackgroundJobs() throws IOException {
        String pid = run("export KEPT=yes; sleep 300 & echo $!").extract().path("output").toString()
                .lines().findFirst().orElseThrow();
        terminal(Map.of("reset", true)).statusCode(200).body("output", containsString("reset"));
        run("echo \"kept=$KEPT\"").body("output", startsWith("kept=\n"));
        assertFalse(isRunning(Long.parseLong(pid)), "the background job " + pid + " survived the reset");
    }

    @Test
    void startsANewShellAfterTheOldOneExits() {
        run("exit 3").body("exitCode", is(3)).body("output", containsString("The shell exited with code 3"));
        run("echo again").body("output", containsString("again\n")).body("exitCode", is(0));
    }

    @Test
    void doesNotExposeTheSessionKeyToTheShell() {
        run("env | grep -c GANTRY_SESSION_API_KEY").body("output", startsWith("0\n"));
    }

    @Test
    void aRequestWhileAnotherIsBeingServedIsAConflict() throws Exception {
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> terminal(
                Map.of("command", "sleep 60", "timeoutSeconds", 3)).extract().statusCode());
        String detail = "";
        while (!first.isDone() && !detail.contains("another terminal request")) {
            detail = terminal(Map.of("command", "")).statusCode(409).extract().path("detail");
        }
        assertTrue(detail.contains("another terminal request"), "the second request was refused: " + detail);
        assertEquals(200, first.get());
        run("C-c").body("exitCode", is(130));
    }

    @Test
    void aControlKeyReachesTheRunningCommandWhileAnotherRequestWaitsForItsOutput() throws Exception {
        CompletableFuture<Integer> sleeping = CompletableFuture.supplyAsync(() -> terminal(
                Map.of("command", "sleep 60", "timeoutSeconds", 50)).statusCode(200).extract().path("exitCode"));
        String sent = null;
        while (sent == null && !sleeping.isDone()) {
            // refused until the sleep has started: nothing runs yet to receive the key
            var answer = terminal(Map.of("command", "C-c", "isInput", true)).extract();
            sent = answer.statusCode() == 200 ? answer.path("output") : null;
        }
        assertFalse(sleeping.isDone() && sent == null, () -> "the sleep ended before any key reached it: "
                + sleeping.join());

        assertTrue(sent.contains("C-c was sent to the running command"), sent);
        assertEquals(130, sleeping.get(20, java.util.concurrent.TimeUnit.SECONDS),
                "the sleep ended by the key, long before its 50 s limit");
    }

    @Test
    void aKeySentTheMomentACommandStartsIsNeverLost() throws Exception {
        // bash swallows a C-c that comes while it hands the terminal to a new program; the runtime waits that out
        for (int attempt = 1; attempt <= 25; attempt++) {
            CompletableFuture<Integer> sleeping = CompletableFuture.supplyAsync(() -> terminal(
                    Map.of("command", "sleep 30", "timeoutSeconds", 25)).statusCode(200).extract().path("exitCode"));
            boolean sent = false;
            while (!sent && !sleeping.isDone()) {
                sent = terminal(Map.of("command", "C-c", "isInput", true)).extract().statusCode() == 200;
            }
            assertEquals(130, sleeping.get(10, java.util.concurrent.TimeUnit.SECONDS),
                    "attempt " + attempt + ": the sleep ended by the key");
        }
    }

    @Test
    void waitingWithNothingRunningIsAConflict() {
        terminal(Map.of("command", ""))
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", is("No previous running command to retrieve logs from."));
    }

    @Test
    void inputWithNothingRunningIsAConflict() {
        terminal(Map.of("command", "hello", "isInput", true))
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", is("isInput"));
    }

    @Test
    void aMissingCommandIsA400NamingTheField() {
        terminal(Map.of("isInput", false))
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", is("command"))
                .body("errors[0].reason", containsString("required"));
    }

    @Test
    void aNegativeTimeoutIsA400NamingTheField() {
        terminal(Map.of("command", "true", "timeoutSeconds", -1))
                .statusCode(400)
                .body("errors[0].field", is("timeoutSeconds"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        authorized().contentType(ContentType.JSON).body("{\"command\": ").post("/api/v1/terminal")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", is("body"));
    }

    @Test
    void aWronglyTypedFieldIsA400NamingIt() {
        authorized().contentType(ContentType.JSON).body("{\"command\": \"true\", \"reset\": \"soon\"}")
                .post("/api/v1/terminal")
                .then().statusCode(400)
                .body("errors[0].field", is("reset"));
    }

    /** Running, not just present: a killed process may linger as a zombie until it is reaped. */
    private static boolean isRunning(long pid) throws IOException {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String content = Files.readString(stat);
        return content.charAt(content.lastIndexOf(')') + 2) != 'Z';
    }
}
