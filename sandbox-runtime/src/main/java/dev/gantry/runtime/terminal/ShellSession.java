package dev.gantry.runtime.terminal;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import dev.gantry.runtime.config.RuntimeConfig;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One interactive bash on a pseudo-terminal that lives across calls, so the working directory, variables,
 * functions and background jobs persist.
 *
 * <p>The end of a command is recognised by the shell's own prompt: an rc file sets a prompt that carries a
 * per-session nonce, the exit status and the working directory, and turns terminal echo off so only the
 * command's output comes back. A command is written to a file and sourced, so a multi-line script produces
 * exactly one prompt and is not limited by the terminal's line length, while its stdin stays the terminal
 * (for {@code read}, {@code input()}, keys such as C-c).
 */
final class ShellSession implements AutoCloseable {

    /** What the prompt reported when a command ended. */
    record Prompt(int exitCode, String workingDir) {
    }

    /** How a wait for a command ended. */
    sealed interface Outcome {
        String output();

        record Finished(String output, Prompt prompt) implements Outcome {
        }

        record StillRunning(String output, boolean hitTimeLimit) implements Outcome {
        }

        record Exited(String output, int exitValue) implements Outcome {
        }
    }

    private static final String CWD_LABEL = " cwd=";
    /** Unguessable per session, so no program's output can pass for the prompt by accident. */
    private static final int NONCE_BYTES = 8;
    private static final int READ_BUFFER_CHARS = 8192;
    /** After the shell exits, how long the reader gets to collect the output still in the terminal. */
    private static final Duration EXIT_DRAIN_GRACE = Duration.ofMillis(200);
    /** How often a key waiting for the command's program to take the terminal looks again. */
    private static final Duration HAND_OVER_POLL = Duration.ofMillis(2);

    private final PtyProcess process;
    private final OutputStream toShell;
    private final Path stateDir;
    private final Path commandFile;
    private final String typedCommandLine;
    private final String promptStart;
    private final String promptEnd;
    private final int maxOutputChars;
    private final Thread reader;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final StringBuilder pending = new StringBuilder();
    private OutputWindow captured;
    private long promptsSeen;
    private long promptAwaited;
    private Prompt lastPrompt;
    private long lastOutputNanos;
    private boolean exited;

    private ShellSession(PtyProcess process, Path stateDir, String nonce, int maxOutputChars) {
        this.process = process;
        this.toShell = process.getOutputStream();
        this.stateDir = stateDir;
        this.commandFile = stateDir.resolve("command.bash");
        this.typedCommandLine = ". '" + commandFile + "'\n";
        this.promptStart = "<gantry-prompt " + nonce + " exit=";
        this.promptEnd = " " + nonce + ">";
        this.maxOutputChars = maxOutputChars;
        this.captured = new OutputWindow(maxOutputChars);
        this.lastOutputNanos = System.nanoTime();
        this.reader = Thread.ofPlatform().daemon().name("gantry-shell-reader-" + process.pid()).unstarted(this::readLoop);
    }

    /** Starts bash in {@code workingDir} and waits for its first prompt. */
    static ShellSession start(RuntimeConfig.Terminal config, Path workingDir, Map<String, String> environment)
            throws IOException {
        String nonce = HexFormat.of().formatHex(randomBytes());
        Path stateDir = Files.createTempDirectory("gantry-shell-");
        Path rcFile = stateDir.resolve("rc.bash");
        Files.writeString(rcFile, rcFile(nonce));
        PtyProcess process = new PtyProcessBuilder(new String[] {
                config.shell(), "--noprofile", "--rcfile", rcFile.toString(), "--noediting", "-i" })
                .setEnvironment(environment)
                .setDirectory(workingDir.toString())
                .setInitialColumns(config.columns())
                .setInitialRows(config.rows())
                .start();
        ShellSession session = new ShellSession(process, stateDir, nonce, config.maxOutputChars());
        session.reader.start();
        process.onExit().thenRun(session::onShellExit);
        session.lock.lock();
        try {
            session.promptAwaited = 1;
            Outcome first = session.await(null, config.startTimeout(), System.nanoTime());
            if (!(first instanceof Outcome.Finished)) {
                session.close();
                throw new IOException("the shell " + config.shell() + " printed no prompt within "
                        + config.startTimeout() + ": " + first.output());
            }
        } finally {
            session.lock.unlock();
        }
        Log.infof("started shell pid %d in %s", process.pid(), workingDir);
        return session;
    }

    private static byte[] randomBytes() {
        byte[] nonce = new byte[NONCE_BYTES];
        new SecureRandom().nextBytes(nonce);
        return nonce;
    }

    /**
     * The shell's setup: no echo (the output is only what commands print), LF line ends, no history file,
     * and a prompt that PROMPT_COMMAND restores before every command, so a virtualenv that rewrites PS1
     * cannot hide it.
     */
    private static String rcFile(String nonce) {
        return """
                stty -echo -onlcr
                unset HISTFILE
                __gantry_ps1='<gantry-prompt %s exit=$?%s$PWD %s>'
                PROMPT_COMMAND='PS1=$__gantry_ps1'
                PS2=''
                """.formatted(nonce, CWD_LABEL, nonce);
    }

    long pid() {
        return process.pid();
    }

    boolean isRunning() {
        lock.lock();
        try {
            return promptsSeen < promptAwaited && !exited;
        } finally {
            lock.unlock();
        }
    }

    boolean hasExited() {
        lock.lock();
        try {
            return exited;
        } finally {
            lock.unlock();
        }
    }

    Prompt lastPrompt() {
        lock.lock();
        try {
            return lastPrompt;
        } finally {
            lock.unlock();
        }
    }

    /** Starts {@code command}; the caller has checked that no command is running. */
    void run(String command) throws IOException {
        // recreated every time: the agent may have cleaned the temporary directory
        Files.createDirectories(stateDir);
        Files.writeString(commandFile, command);
        long awaited;
        lock.lock();
        try {
            awaited = promptsSeen + 1;
        } finally {
            lock.unlock();
        }
        // written outside the lock: a blocked write must never stall the reader that drains the terminal
        write(typedCommandLine);
        lock.lock();
        try {
            // only now is the command running: a key sent earlier would reach the idle shell, not the command
            promptAwaited = awaited;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Sends text to the running program, as if typed. */
    void type(String text) throws IOException {
        write(text);
    }

    /**
     * Sends a control key to the running command. A key that raises a signal (C-c, C-z) goes to the
     * terminal's foreground process group; while bash starts a program there is a moment when that group is
     * bash, or a child still running bash's code, and the signal is swallowed. So the key waits, briefly,
     * until the command's program holds the terminal or the command ends; a command that runs inside bash
     * itself ({@code read}, a loop of builtins) gets the key when that wait runs out, and bash handles it.
     */
    void sendKey(char key, Duration handOverWait) throws IOException {
        long deadline = System.nanoTime() + handOverWait.toNanos();
        while (!ForegroundGroup.isProgramInForeground(process.pid()) && isRunning()
                && System.nanoTime() - deadline < 0) {
            lock.lock();
            try {
                changed.await(HAND_OVER_POLL.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                lock.unlock();
            }
        }
        write(String.valueOf(key));
    }

    /**
     * Waits until the command ends, prints nothing for {@code quietLimit} (null: no such limit) or
     * {@code timeLimit} passes, and hands over the output collected so far.
     *
     * @param callStartNanos when the caller's request began: the quiet period counts from there at the earliest
     */
    Outcome await(Duration quietLimit, Duration timeLimit, long callStartNanos) {
        long deadline = callStartNanos + timeLimit.toNanos();
        lock.lock();
        try {
            while (true) {
                if (promptsSeen >= promptAwaited) {
                    return new Outcome.Finished(takeOutput(), lastPrompt);
                }
                if (exited) {
                    flushPending(pending.length());
                    return new Outcome.Exited(takeOutput(), exitValue());
                }
                long now = System.nanoTime();
                long wakeAt = deadline;
                if (quietLimit != null) {
                    long quietEnd = Math.max(lastOutputNanos, callStartNanos) + quietLimit.toNanos();
                    if (now - quietEnd >= 0) {
                        return stillRunning(false);
                    }
                    wakeAt = Math.min(wakeAt, quietEnd);
                }
                if (now - deadline >= 0) {
                    return stillRunning(true);
                }
                changed.awaitNanos(wakeAt - now);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stillRunning(true);
        } finally {
            lock.unlock();
        }
    }

    private Outcome stillRunning(boolean hitTimeLimit) {
        flushPending(pending.length() - partialPromptStart());
        return new Outcome.StillRunning(takeOutput(), hitTimeLimit);
    }

    private String takeOutput() {
        String output = captured.render();
        captured = new OutputWindow(maxOutputChars);
        return output;
    }

    /** The shell's exit status; the terminal can close a moment before the process is reaped. */
    private int exitValue() {
        try {
            return process.waitFor(EXIT_DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void write(String text) throws IOException {
        toShell.write(text.getBytes(StandardCharsets.UTF_8));
        toShell.flush();
    }

    private void readLoop() {
        char[] buffer = new char[READ_BUFFER_CHARS];
        try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                lock.lock();
                try {
                    pending.append(buffer, 0, read);
                    lastOutputNanos = System.nanoTime();
                    scanPending();
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException e) {
            // the terminal closes with EIO once the shell and every program holding it are gone
            Log.debugf("shell %d terminal closed: %s", process.pid(), e.getMessage());
        } finally {
            markExited();
        }
    }

    private void onShellExit() {
        try {
            reader.join(EXIT_DRAIN_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        markExited();
    }

    private void markExited() {
        lock.lock();
        try {
            exited = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Moves output to the capture and consumes complete prompts; holds back what may be a prompt's start. */
    private void scanPending() {
        while (true) {
            int start = pending.indexOf(promptStart);
            if (start < 0) {
                flushPending(pending.length() - partialPromptStart());
                return;
            }
            int end = pending.indexOf(promptEnd, start + promptStart.length());
            if (end < 0) {
                flushPending(start);
                return;
            }
            String fields = pending.substring(start + promptStart.length(), end);
            int cwdAt = fields.indexOf(CWD_LABEL);
            flushPending(start);
            pending.delete(0, end - start + promptEnd.length());
            lastPrompt = new Prompt(Integer.parseInt(fields.substring(0, cwdAt)),
                    fields.substring(cwdAt + CWD_LABEL.length()));
            promptsSeen++;
        }
    }

    /** The length of the longest end of {@code pending} that begins a prompt marker. */
    private int partialPromptStart() {
        String end = pending.substring(Math.max(0, pending.length() - (promptStart.length() - 1)));
        for (int length = end.length(); length > 0; length--) {
            if (promptStart.regionMatches(0, end, end.length() - length, length)) {
                return length;
            }
        }
        return 0;
    }

    private void flushPending(int length) {
        if (length > 0) {
            captured.append(pending, 0, length);
            pending.delete(0, length);
        }
    }

    /** Kills the shell and everything it started, including background jobs. */
    @Override
    public void close() {
        // pty4j's process has a pid but no ProcessHandle of its own
        ProcessHandle.of(process.pid()).ifPresent(shell -> shell.descendants().forEach(ProcessHandle::destroyForcibly));
        process.destroyForcibly();
        try {
            process.waitFor(EXIT_DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            Files.deleteIfExists(commandFile);
            Files.deleteIfExists(stateDir.resolve("rc.bash"));
            Files.deleteIfExists(stateDir);
        } catch (IOException e) {
            Log.debugf("could not remove the shell state %s: %s", stateDir, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        markExited();
    }
}
