package dev.gantry.runtime.terminal;

import dev.gantry.runtime.config.RuntimeConfig;
import dev.gantry.runtime.rest.ApiProblem;
import dev.gantry.runtime.security.PathConfinement;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The terminal tool: one persistent shell, one call at a time, with OpenHands' observable behaviour
 * (soft timeout with the output so far, input to a running program, keys, head-and-tail truncation).
 */
@ApplicationScoped
public class TerminalService {

    /** Keys written as control characters: {@code C-c} interrupts, {@code C-d} ends input, {@code C-z} suspends. */
    private static final Pattern CONTROL_KEY = Pattern.compile("C-([a-zA-Z])");
    private static final int CONTROL_MASK = 0x1f;
    /** The runtime's own secret must not be readable by the agent through {@code env}. */
    private static final String SESSION_KEY_VARIABLE = "GANTRY_SESSION_API_KEY";
    private static final String CONTINUATION_NOTICE = "[Below is the output of the previous command.]\n";
    /** OpenHands' TIMEOUT_MESSAGE_TEMPLATE (terminal/constants.py), the wording models act on. */
    private static final String HOW_TO_CONTINUE = "You may wait longer to see additional output by sending empty"
            + " command '', send other commands to interact with the current process, send keys (\"C-c\", \"C-z\","
            + " \"C-d\") to interrupt/kill the previous command before sending your new command, or use the timeout"
            + " parameter in terminal for future commands.";

    private static final String RESET_NOTICE = "Terminal session has been reset. All previous environment variables"
            + " and session state have been cleared.";

    private final RuntimeConfig.Terminal config;
    private final PathConfinement paths;
    private final ReentrantLock callLock = new ReentrantLock();
    /** Read without the call lock only to hand a control key to a running command. */
    private volatile ShellSession shell;
    /** What the caller added to the shell's environment (its secrets); never logged. */
    private volatile Map<String, String> added = Map.of();
    /** Why the next answer starts with a notice about the shell, if it does. */
    private String pendingNotice = "";
    /** The shell being started ahead of the first call, until a call takes it (under the call lock). */
    private CompletableFuture<ShellSession> ahead;
    /** The shell was started ahead of the first call and has served none yet; it was started under this name. */
    private boolean fresh;
    private Path freshName;

    TerminalService(RuntimeConfig config, PathConfinement paths) {
        this.config = config.terminal();
        this.paths = paths;
    }

    /**
     * Starts the shell as the runtime starts, so that the first command finds it ready (a warm sandbox's first
     * command then costs a round trip, not a shell start). A first call that comes while it is still starting waits
     * for it rather than starting a second one.
     */
    void prestart(@Observes StartupEvent start) {
        if (!config.prestart()) {
            return;
        }
        CompletableFuture<ShellSession> starting = new CompletableFuture<>();
        callLock.lock();
        try {
            ahead = starting;
            freshName = paths.namedWorkspace();
        } finally {
            callLock.unlock();
        }
        Thread.ofVirtual().name("gantry-shell-prestart").start(() -> {
            try {
                starting.complete(ShellSession.start(config, paths.workspace(), shellEnvironment()));
            } catch (IOException | RuntimeException e) {
                Log.warnf("the shell could not be started ahead of the first command: %s", e.toString());
                starting.completeExceptionally(e);
            }
        });
    }

    /** The environment a program started for the agent gets: the runtime's own without its key, plus what was added. */
    public Map<String, String> programEnvironment() {
        return shellEnvironment();
    }

    /**
     * Replaces the variables added to the shell's environment. An idle shell is started again so that they
     * hold at once (the next answer says so); a shell running a command keeps its environment, and the next
     * shell gets them.
     */
    public void environment(Map<String, String> variables) {
        if (variables.equals(added)) {
            return;
        }
        added = variables;
        if (callLock.tryLock()) {
            try {
                if ((shell != null && fresh) || ahead != null) {
                    // started ahead and never used: the agent has nothing to lose, the next command starts anew
                    closeShell();
                } else if (shell != null && !shell.isRunning()) {
                    closeShell();
                    pendingNotice = "[The terminal was restarted to take new environment variables: the working"
                            + " directory, shell variables and background jobs of the old shell are gone.]\n";
                }
            } finally {
                callLock.unlock();
            }
        }
    }

    /** Whether the shell runs a command, whether or not a call waits for it. */
    public boolean commandRunning() {
        ShellSession session = shell;
        return session != null && session.isRunning();
    }

    public TerminalResult execute(TerminalCommand request) {
        if (!request.isInput()) {
            refuseMalformed(request.command());
        }
        if (!callLock.tryLock()) {
            Optional<Character> key = controlKey(request.command());
            if (key.isPresent()) {
                return keyWhileServed(request, key.get());
            }
            awaitTurn();
        }
        try {
            long callStart = System.nanoTime();
            StringBuilder notices = new StringBuilder(pendingNotice);
            pendingNotice = "";
            if (request.reset()) {
                closeShell();
                // OpenHands' reset notice (terminal/impl.py); a command sent with it follows after a blank line
                notices.append(RESET_NOTICE).append(request.command().isEmpty() ? "" : "\n\n");
            }
            if (shell != null && shell.hasExited()) {
                closeShell();
                notices.append("[The previous shell had exited; this is a new shell in ")
                        .append(paths.namedWorkspace()).append(".]\n");
            }
            ShellSession session = shell();
            if (request.reset() && request.command().isEmpty()) {
                return new TerminalResult(notices.toString().strip(), 0, session.lastPrompt().workingDir(), false);
            }
            Optional<Character> key = controlKey(request.command());
            boolean continuation = session.isRunning();
            if (continuation) {
                if (key.isPresent()) {
                    session.sendKey(key.get(), config.keyHandOverWait());
                } else if (request.isInput()) {
                    session.type(request.command() + "\n");
                } else if (!request.command().isEmpty()) {
                    return refuseWhileRunning(request.command(), session);
                }
            } else {
                if (request.isInput() || key.isPresent()) {
                    // OpenHands' wording (terminal_session.py execute)
                    throw ApiProblem.conflict("isInput", "No previous running command to interact with.");
                }
                if (request.command().isBlank()) {
                    throw ApiProblem.conflict("command", "No previous running command to retrieve logs from.");
                }
                session.run(request.command());
            }
            Duration quietLimit = request.timeout().isPresent() ? null : config.noOutputTimeout();
            Duration timeLimit = request.timeout().orElse(config.defaultHardTimeout());
            ShellSession.Outcome outcome = session.await(quietLimit, timeLimit, callStart);
            return describe(outcome, notices.append(continuation ? CONTINUATION_NOTICE : ""), quietLimit, timeLimit,
                    session, key.isPresent() ? request.command().strip() : null);
        } catch (IOException e) {
            throw new UncheckedIOException("the shell could not be reached", e);
        } finally {
            callLock.unlock();
        }
    }

    /**
     * A control key (C-c, ...) reaches the running command even while another request waits for its
     * output, so that interrupting a command never waits for that request's timeout; the waiting
     * request answers with what the command does next. Refused at once while no command runs yet, so
     * that the caller can try again as soon as it has started.
     */
    private TerminalResult keyWhileServed(TerminalCommand request, char key) {
        ShellSession session = shell;
        if (session == null || !session.isRunning()) {
            throw busy();
        }
        try {
            session.sendKey(key, config.keyHandOverWait());
        } catch (IOException e) {
            throw new UncheckedIOException("the shell could not be reached", e);
        }
        String workingDir = session.lastPrompt().workingDir();
        return new TerminalResult("[" + request.command().strip() + " was sent to the running command; the request"
                + " waiting for its output receives what follows.]\n[Current working directory: " + workingDir + "]",
                TerminalResult.STILL_RUNNING, workingDir, false);
    }

    /** Waits briefly for the request being served, which may be a quick one; refuses when it goes on. */
    private void awaitTurn() {
        boolean locked;
        try {
            locked = callLock.tryLock(config.busyWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            throw busy();
        }
    }

    private static ApiProblem busy() {
        return ApiProblem.conflict("command", "another terminal request is still being served; send one"
                + " request at a time (only a control key such as C-c reaches the command meanwhile)");
    }

    /**
     * Refuses, before anything runs, what OpenHands refuses: a Python/JSON literal instead of a command,
     * and several commands on separate lines (terminal_session.py), with OpenHands' wording.
     */
    private static void refuseMalformed(String command) {
        Optional<String> literal = LiteralArgument.kind(command);
        if (literal.isPresent()) {
            throw ApiProblem.unprocessable("command", LiteralArgument.hint(literal.get(), command));
        }
        List<String> commands = CommandSplitter.split(command.strip());
        if (commands.size() > 1) {
            StringBuilder list = new StringBuilder();
            for (int i = 0; i < commands.size(); i++) {
                list.append(i == 0 ? "" : "\n").append('(').append(i + 1).append(") ").append(commands.get(i));
            }
            throw ApiProblem.unprocessable("command", "Cannot execute multiple commands at once.\nPlease run each"
                    + " command separately OR chain them into a single command via && or ;\nProvided commands:\n"
                    + list);
        }
    }

    private TerminalResult describe(ShellSession.Outcome outcome, StringBuilder text, Duration quietLimit,
            Duration timeLimit, ShellSession session, String keySent) {
        text.append(outcome.output());
        return switch (outcome) {
            case ShellSession.Outcome.Finished finished -> {
                // OpenHands' suffix (terminal_session.py _handle_completed_command), with "CTRL+C was sent."
                // when a key ended the command
                appendLine(text, "[The command completed with exit code " + finished.prompt().exitCode() + "."
                        + (keySent == null ? "" : " CTRL+" + Character.toUpperCase(keySent.charAt(keySent.length() - 1))
                                + " was sent.") + "]");
                appendLine(text, "[Current working directory: " + finished.prompt().workingDir() + "]");
                appendLine(text, "[Command finished with exit code " + finished.prompt().exitCode() + "]");
                yield new TerminalResult(text.toString(), finished.prompt().exitCode(),
                        finished.prompt().workingDir(), false);
            }
            case ShellSession.Outcome.StillRunning running -> {
                appendLine(text, running.hitTimeLimit()
                        ? "[The command timed out after " + seconds(timeLimit) + " seconds. " + HOW_TO_CONTINUE + "]"
                        : "[The command has no new output after " + seconds(quietLimit) + " seconds. "
                                + HOW_TO_CONTINUE + "]");
                String workingDir = session.lastPrompt().workingDir();
                appendLine(text, "[Current working directory: " + workingDir + "]");
                yield new TerminalResult(text.toString(), TerminalResult.STILL_RUNNING, workingDir, true);
            }
            case ShellSession.Outcome.Exited exited -> {
                appendLine(text, "[The shell exited with code " + exited.exitValue() + ". The next command starts"
                        + " a new shell in " + paths.workspace() + "; the working directory, variables and"
                        + " background jobs of the old one are gone.]");
                String workingDir = session.lastPrompt().workingDir();
                closeShell();
                yield new TerminalResult(text.toString(), exited.exitValue(), workingDir, false);
            }
        };
    }

    private TerminalResult refuseWhileRunning(String command, ShellSession session) {
        String workingDir = session.lastPrompt().workingDir();
        return new TerminalResult("[Your command \"" + command + "\" is NOT executed. The previous command is still"
                + " running - You CANNOT send new commands until the previous command is completed. By setting"
                + " `is_input` to `true`, you can interact with the current process: " + HOW_TO_CONTINUE + "]\n"
                + "[Current working directory: " + workingDir + "]",
                TerminalResult.STILL_RUNNING, workingDir, false);
    }

    private ShellSession shell() throws IOException {
        if (shell == null && ahead != null) {
            shell = takeAhead();
            fresh = shell != null;
        }
        if (shell != null && fresh) {
            fresh = false;
            Path name = paths.namedWorkspace();
            if (!name.equals(freshName) && !enter(shell, name)) {
                closeShell();
            }
        }
        if (shell == null) {
            shell = ShellSession.start(config, paths.workspace(), shellEnvironment());
        }
        return shell;
    }

    /**
     * Moves a shell started ahead into the workspace by the name it was given since (a warm sandbox, claimed):
     * what the cd prints is nobody's; false when the shell did not come back to its prompt.
     */
    private boolean enter(ShellSession session, Path name) throws IOException {
        session.run("cd -- '" + name.toString().replace("'", "'\\''") + "'");
        ShellSession.Outcome outcome = session.await(null, config.startTimeout(), System.nanoTime());
        return outcome instanceof ShellSession.Outcome.Finished finished && finished.prompt().exitCode() == 0;
    }

    private Map<String, String> shellEnvironment() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.remove(SESSION_KEY_VARIABLE);
        environment.putAll(added);
        environment.put("TERM", config.term());
        // bash takes PWD as its directory's name when it leads there: a workspace reached through a link
        // is shown by the link's path, the one the agent was told
        environment.put("PWD", paths.namedWorkspace().toString());
        // a pager would wait for a key press that never comes
        environment.put("PAGER", "cat");
        environment.put("GIT_PAGER", "cat");
        return environment;
    }

    /** The shell started ahead, once it is up; null when it could not start in time (it is closed when it does). */
    private ShellSession takeAhead() throws IOException {
        CompletableFuture<ShellSession> starting = ahead;
        ahead = null;
        try {
            return starting.get(config.startTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            return null;
        } catch (TimeoutException e) {
            discard(starting);
            return null;
        } catch (InterruptedException e) {
            discard(starting);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the shell started");
        }
    }

    private static void discard(CompletableFuture<ShellSession> starting) {
        starting.thenAccept(ShellSession::close);
    }

    private void closeShell() {
        if (ahead != null) {
            discard(ahead);
            ahead = null;
        }
        fresh = false;
        if (shell != null) {
            Log.infof("stopping shell pid %d", shell.pid());
            shell.close();
            shell = null;
        }
    }

    @PreDestroy
    void stop() {
        callLock.lock();
        try {
            closeShell();
        } finally {
            callLock.unlock();
        }
    }

    private static Optional<Character> controlKey(String command) {
        Matcher matcher = CONTROL_KEY.matcher(command.strip());
        return matcher.matches()
                ? Optional.of((char) (Character.toLowerCase(matcher.group(1).charAt(0)) & CONTROL_MASK))
                : Optional.empty();
    }

    private static void appendLine(StringBuilder text, String line) {
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
        text.append(line);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0
                ? String.valueOf(duration.toSeconds())
                : String.valueOf(duration.toMillis() / 1000.0);
    }
}
