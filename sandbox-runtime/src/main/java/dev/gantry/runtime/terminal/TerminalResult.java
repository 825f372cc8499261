package dev.gantry.runtime.terminal;

/**
 * What a terminal call returns.
 *
 * @param output     what the command printed, followed by the notices a model reads (working directory,
 *                   exit code, or why the call returned while the command still runs)
 * @param exitCode   the command's exit code, or -1 while it is still running
 * @param workingDir the shell's working directory as of the last finished command
 * @param timedOut   the call returned because of a timeout, not because the command ended
 */
public record TerminalResult(String output, int exitCode, String workingDir, boolean timedOut) {

    public static final int STILL_RUNNING = -1;
}
