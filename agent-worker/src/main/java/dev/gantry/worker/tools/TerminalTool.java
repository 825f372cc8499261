package dev.gantry.worker.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.worker.config.WorkerConfig;
import dev.gantry.worker.sandbox.RuntimeApi;
import dev.gantry.worker.sandbox.SandboxSession;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;

/** {@code terminal} (OpenHands' {@code execute_bash}): a command in the sandbox's persistent shell. */
@Singleton
public final class TerminalTool implements Tool {

    static final String INTERRUPT = "C-c";
    /** How often a stop retries its C-c while the runtime still serves the call it interrupts. */
    private static final long INTERRUPT_RETRY_MILLIS = 200;

    private final WorkerConfig config;

    TerminalTool(WorkerConfig config) {
        this.config = config;
    }

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
                args.optionalNumber("timeout").map(Double::intValue)
                        .orElse(config.runtime().defaultTerminalTimeoutSeconds()),
                args.optionalBoolean("reset").orElse(null));
        SandboxSession sandbox = context.sandbox();
        RuntimeApi.TerminalResult result;
        try {
            result = sandbox.api().terminal(sandbox.sessionKey(), request);
        } catch (WebApplicationException e) {
            return ToolResult.failure(RuntimeProblems.describe(e));
        }
        if (result.exitCode() == -1 && context.stopRequested()) {
            result = interrupt(sandbox, result);
        }
        return new ToolResult(format(result), result.exitCode(), false, false);
    }

    /** Sends C-c to the running command, once the runtime has answered the call in progress. */
    static RuntimeApi.TerminalResult interrupt(SandboxSession sandbox, RuntimeApi.TerminalResult running)
            throws InterruptedException {
        RuntimeApi.TerminalRequest key = new RuntimeApi.TerminalRequest(INTERRUPT, true, null, null);
        while (true) {
            try {
                RuntimeApi.TerminalResult after = sandbox.api().terminal(sandbox.sessionKey(), key);
                return new RuntimeApi.TerminalResult(running.output() + "\n" + after.output(), after.exitCode(),
                        after.workingDir(), after.timedOut());
            } catch (WebApplicationException e) {
                if (!RuntimeProblems.isConflict(e)) {
                    return running;
                }
                Thread.sleep(INTERRUPT_RETRY_MILLIS);
            }
        }
    }

    private static String format(RuntimeApi.TerminalResult result) {
        StringBuilder text = new StringBuilder(result.output() == null ? "" : result.output());
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
        if (result.workingDir() != null) {
            text.append("[Current working directory: ").append(result.workingDir()).append("]\n");
        }
        if (result.exitCode() == -1) {
            text.append("[The command is still running. Send an empty command to wait for more output, text with"
                    + " is_input=true to answer it, or C-c with is_input=true to interrupt it.]");
        } else {
            text.append("[Command finished with exit code ").append(result.exitCode()).append("]");
        }
        return text.toString();
    }
}
