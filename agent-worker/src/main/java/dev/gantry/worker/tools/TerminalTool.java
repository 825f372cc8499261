package dev.gantry.worker.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.worker.sandbox.RuntimeApi;
import dev.gantry.worker.sandbox.SandboxSession;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;

/** {@code terminal} (OpenHands' {@code execute_bash}): a command in the sandbox's persistent shell. */
@Singleton
public final class TerminalTool implements Tool {

    private static final String INTERRUPT = "C-c";

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
        RuntimeApi.TerminalRequest request = new RuntimeApi.TerminalRequest(command,
                args.optionalBoolean("is_input").orElse(null),
                args.optionalNumber("timeout").map(Double::intValue).orElse(null),
                args.optionalBoolean("reset").orElse(null));
        SandboxSession sandbox = context.sandbox();
        RuntimeApi.TerminalResult result;
        // a stop sends C-c at once: the runtime hands a key to the running command while this call waits
        try (ToolContext.StopRegistration ignored = context.onStop(() -> sendInterrupt(sandbox))) {
            result = sandbox.api().terminal(sandbox.sessionKey(), request);
        } catch (WebApplicationException e) {
            return ToolResult.failure(RuntimeProblems.describe(e));
        }
        if (result.exitCode() == -1 && context.stopRequested()) {
            result = interrupt(sandbox, result);
        }
        // the runtime's output already ends with the working directory and the exit code or how to go on
        return new ToolResult(result.output(), result.exitCode(), false, false);
    }

    /** Sends C-c while the command's own call waits; refused (and harmless) when nothing runs any more. */
    private static void sendInterrupt(SandboxSession sandbox) {
        try {
            sandbox.api().terminal(sandbox.sessionKey(), new RuntimeApi.TerminalRequest(INTERRUPT, true, null, null));
        } catch (WebApplicationException | jakarta.ws.rs.ProcessingException e) {
            // the command ended first, or the sandbox went away: the call in progress tells which
        }
    }

    /**
     * Sends C-c to a command still running after its call answered at the soft timeout (a stop that
     * came in before the call was registered); if it ended meanwhile the runtime refuses the key and
     * the first answer stands.
     */
    private static RuntimeApi.TerminalResult interrupt(SandboxSession sandbox, RuntimeApi.TerminalResult running) {
        try {
            RuntimeApi.TerminalResult after = sandbox.api().terminal(sandbox.sessionKey(),
                    new RuntimeApi.TerminalRequest(INTERRUPT, true, null, null));
            return new RuntimeApi.TerminalResult(running.output() + "\n" + after.output(), after.exitCode(),
                    after.workingDir(), after.timedOut());
        } catch (WebApplicationException e) {
            return running;
        }
    }
}
