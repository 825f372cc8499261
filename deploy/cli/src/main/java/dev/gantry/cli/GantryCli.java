package dev.gantry.cli;

import dev.gantry.cli.chat.ChatCommand;
import dev.gantry.cli.chat.Interrupts;
import dev.gantry.cli.chat.SignalInterrupts;
import dev.gantry.cli.conversations.ConversationsCommand;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gantry} command line; {@code ./gantry} at the repository root runs it. */
@Command(name = "gantry", mixinStandardHelpOptions = true, version = "gantry 0.1.0",
        description = "Run tasks on Gantry, chat with its agents and manage their conversations.")
public final class GantryCli {

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv(), System.in, System.out, System.err,
                new LocalTokenSource(System.getenv()), new SignalInterrupts(), ZoneId.systemDefault()).execute(args));
    }

    /** The command line as a test runs it: no keyboard, no Ctrl-C, times in UTC. */
    static CommandLine commandLine(Map<String, String> environment, PrintStream out, PrintStream err,
            TokenSource tokens) {
        return commandLine(environment, InputStream.nullInputStream(), out, err, tokens, Interrupts.NONE,
                ZoneId.of("UTC"));
    }

    static CommandLine commandLine(Map<String, String> environment, InputStream in, PrintStream out, PrintStream err,
            TokenSource tokens, Interrupts interrupts, ZoneId zone) {
        CommandLine commandLine = new CommandLine(new GantryCli());
        commandLine.addSubcommand(new RunCommand(environment, out, err, tokens));
        commandLine.addSubcommand(new ChatCommand(environment, in, out, err, tokens, interrupts));
        commandLine.addSubcommand(new CommandLine(new ConversationsCommand(in, out, err, tokens, zone)));
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((exception, cmd, parsed) -> {
            err.println("gantry: " + exception.getMessage());
            return RunCommand.FAILED;
        });
        return commandLine;
    }
}
