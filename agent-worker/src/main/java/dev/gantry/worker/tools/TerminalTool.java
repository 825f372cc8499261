package dev.gantry.worker.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.worker.sandbox.RuntimeClient;
import dev.gantry.worker.sandbox.RuntimeProblemException;
import dev.gantry.worker.sandbox.SandboxSession;
import dev.gantry.worker.sandbox.SandboxUnreachableException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code terminal} (OpenHands' {@code execute_bash}): a command in the sandbox's persistent shell. */
@Singleton
public final class TerminalTool implements Tool {

    private static final String INTERRUPT = "C-c";
    private static final RuntimeClient.TerminalRequest INTERRUPT_REQUEST =
            new RuntimeClient.TerminalRequest(INTERRUPT, true, null, null);
    /** How soon a refused C-c is sent again while the command's call is still on its way. */
    private static final Duration INTERRUPT_RETRY = Duration.ofMillis(50);
    private static final int CONFLICT = 409;

    @Override
    public String name() {
        return "terminal";
    }

    @Override
    public boolean actsOnSandbox() {
        return true;
    }

    @Override
    public ToolResult run(JsonNode arguments, ToolContext context) throws InterruptedException {
        Arguments args = new Arguments(name(), arguments);
        String command = args.requiredText("command");
        RuntimeClient.TerminalRequest request = new RuntimeClient.TerminalRequest(command,
                args.optionalBoolean("is_input").orElse(null),
                args.optionalNumber("timeout").map(Double::intValue).orElse(null),
                args.optionalBoolean("reset").orElse(null));
        SandboxSession sandbox = context.sandbox();
        RuntimeClient.TerminalResult result;
        AtomicBoolean waiting = new AtomicBoolean(true);
        // a stop sends C-c at once: the runtime hands a key to the running command while this call waits
        try (ToolContext.StopRegistration ignored = context.onStop(() -> interruptWhile(waiting, sandbox))) {
            if (context.stopRequested()) {
                // the stop came while the sandbox was being made ready, before the hook was in place
                return ToolResult.failure("[The command was not run: the user stopped the agent.]");
            }
            result = sandbox.runtime().terminal(request, context.actionId());
        } catch (RuntimeProblemException e) {
            return ToolResult.failure(e.getMessage());
        } finally {
            waiting.set(false);
        }
        if (result.exitCode() == -1 && context.stopRequested()) {
            result = interrupt(sandbox, result);
        }
        // the runtime's output already ends with the working directory and the exit code or how to go on
        return new ToolResult(result.output(), result.exitCode(), false, false);
    }

    /**
     * Sends C-c while the command's own call waits. The runtime refuses a key (409) until the command
     * has started, so a stop that arrives while the call is on its way tries again until it lands or
     * the call has answered.
     */
    private static void interruptWhile(AtomicBoolean waiting, SandboxSession sandbox) {
        try {
            while (waiting.get()) {
                try {
                    sandbox.runtime().terminal(INTERRUPT_REQUEST);
                    return;
                } catch (RuntimeProblemException e) {
                    if (e.status() != CONFLICT) {
                        return;
                    }
                } catch (SandboxUnreachableException e) {
                    // the sandbox went away: the call in progress reports it
                    return;
                }
                Thread.sleep(INTERRUPT_RETRY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends C-c to a command still running after its call answered at the soft timeout (a stop that
     * came in before the call was registered); if it ended meanwhile the runtime refuses the key and
     * the first answer stands.
     */
    private static RuntimeClient.TerminalResult interrupt(SandboxSession sandbox, RuntimeClient.TerminalResult running)
            throws InterruptedException {
        try {
            RuntimeClient.TerminalResult after = sandbox.runtime().terminal(INTERRUPT_REQUEST);
            return new RuntimeClient.TerminalResult(running.output() + "\n" + after.output(), after.exitCode(),
                    after.workingDir(), after.timedOut());
        } catch (RuntimeProblemException | SandboxUnreachableException e) {
            return running;
        }
    }
}
