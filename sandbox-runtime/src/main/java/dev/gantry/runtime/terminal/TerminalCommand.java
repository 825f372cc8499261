package dev.gantry.runtime.terminal;

import java.time.Duration;
import java.util.Optional;

/**
 * A validated terminal request.
 *
 * @param command text to run, or to type when {@code isInput}; a key such as {@code C-c}; or empty to keep
 *                waiting for a running command
 * @param timeout a hard limit that replaces the no-output timeout, when the caller gave one
 * @param reset   kill the shell and everything it started, then start a fresh one
 */
public record TerminalCommand(String command, boolean isInput, Optional<Duration> timeout, boolean reset) {
}
