package dev.gantry.cli;

import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gantry} command line; {@code ./gantry} at the repository root runs it. */
@Command(name = "gantry", mixinStandardHelpOptions = true, version = "gantry 0.1.0",
        description = "Run tasks on Gantry and follow them live.")
public final class GantryCli {

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv(), System.out, System.err, new LocalTokenSource(System.getenv()))
                .execute(args));
    }

    static CommandLine commandLine(Map<String, String> environment, PrintStream out, PrintStream err,
            TokenSource tokens) {
        CommandLine commandLine = new CommandLine(new GantryCli());
        commandLine.addSubcommand(new RunCommand(environment, out, err, tokens));
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((exception, cmd, parsed) -> {
            err.println("gantry: " + exception.getMessage());
            return RunCommand.FAILED;
        });
        return commandLine;
    }
}
