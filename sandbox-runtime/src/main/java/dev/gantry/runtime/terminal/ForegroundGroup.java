package dev.gantry.runtime.terminal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who holds a shell's terminal, read from Linux's {@code /proc}: the fields of {@code /proc/<pid>/stat}
 * after the command name are state, ppid, pgrp, session, tty_nr and tpgid (the terminal's foreground group),
 * and {@code /proc/<pid>/exe} names the program a process runs.
 */
final class ForegroundGroup {

    private static final int PGRP_FIELD = 2;
    private static final int TPGID_FIELD = 5;

    private ForegroundGroup() {
    }

    /**
     * Whether a program the shell started holds its terminal: the foreground group is not the shell's own
     * and its leader has already replaced the copy of bash it was forked as. Until then a signal from the
     * terminal reaches bash, or a child still running bash's handlers, and is lost. True where {@code /proc}
     * cannot tell (not Linux), so that keys are never held back there.
     */
    static boolean isProgramInForeground(long shellPid) {
        Path shell = Path.of("/proc", Long.toString(shellPid));
        if (!Files.isDirectory(shell)) {
            return true;
        }
        try {
            long foreground = otherForegroundGroup(Files.readString(shell.resolve("stat")));
            if (foreground < 0) {
                return false;
            }
            Path leader = Path.of("/proc", Long.toString(foreground), "exe");
            return !Files.readSymbolicLink(leader).equals(Files.readSymbolicLink(shell.resolve("exe")));
        } catch (IOException | RuntimeException e) {
            // the foreground program ended or cannot be inspected: nothing to wait for
            return true;
        }
    }

    /**
     * The terminal's foreground process group from one {@code stat} line, or -1 when it is the process's own
     * group. The command name may hold spaces and parentheses, so the fields start after the last ')'.
     */
    static long otherForegroundGroup(String statLine) {
        String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
        return fields[PGRP_FIELD].equals(fields[TPGID_FIELD]) ? -1 : Long.parseLong(fields[TPGID_FIELD]);
    }
}
