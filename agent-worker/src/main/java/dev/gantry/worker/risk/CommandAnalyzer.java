package dev.gantry.worker.risk;

import dev.gantry.contracts.event.SecurityRisk;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rates a terminal command line, whatever the LLM says of it: every simple command of every pipeline, with the
 * wrappers in front taken off ({@code sudo} makes it HIGH by itself), and the scripts it runs inside it rated too:
 * command substitutions, {@code bash -c}, {@code eval}, {@code su -c}, a shell's here-document, {@code find -exec},
 * and the string literals of {@code python -c} and the like. A {@code cd} moves where later relative paths point.
 */
final class CommandAnalyzer {

    /** Scripts inside scripts are rated this deep; deeper nesting is itself a reason to ask. */
    private static final int MAX_DEPTH = 6;
    private static final Pattern FORK_BOMB = Pattern.compile("(\\w+|:)\\(\\)\\s*\\{\\s*\\1\\s*\\|\\s*\\1\\s*&\\s*}\\s*;\\s*\\1");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.){2,})\"|'((?:[^'\\\\]|\\\\.){2,})'");
    private static final String[] INLINE_CODE_OPTIONS = {"-c", "-e", "-E", "-r"};

    private CommandAnalyzer() {
    }

    static Rating rate(String commandLine, String workspace) {
        return script(commandLine, new Scope(workspace, null), 0);
    }

    private static Rating script(String text, Scope start, int depth) {
        if (depth > MAX_DEPTH) {
            return Rating.medium("nests scripts too deeply to rate");
        }
        Rating rating = FORK_BOMB.matcher(text).find() ? Rating.high("starts processes until the machine stops (a fork bomb)")
                : Rating.LOW;
        Scope scope = start;
        for (ShellSyntax.Pipeline pipeline : ShellSyntax.parse(text)) {
            List<ShellCommand> commands = pipeline.commands().stream().map(ShellCommand::of).toList();
            rating = rating.or(ExfiltrationRules.pipeline(commands, scope));
            for (ShellCommand command : commands) {
                rating = rating.or(command(command, scope, depth));
                for (String substituted : command.substitutions()) {
                    rating = rating.or(script(substituted, scope, depth + 1));
                }
                if (command.program().equals("cd")) {
                    scope = scope.changedTo(command.operands().isEmpty() ? null : command.operands().get(0));
                }
            }
        }
        return rating;
    }

    private static Rating command(ShellCommand c, Scope scope, int depth) {
        // the most telling reason first: a tie keeps it
        Rating rating = DestructionRules.rate(c, scope).or(ExfiltrationRules.rate(c, scope))
                .or(ToolchainRules.rate(c)).or(nested(c, scope, depth));
        if (c.privilege() != null) {
            rating = rating.or(Rating.high("runs as root (" + c.privilege() + " " + c.program() + ")"));
        }
        return c.program().equals("su") ? rating.or(Rating.high("runs as another user, root by default (su)")) : rating;
    }

    /** The scripts a command runs: {@code bash -c}, {@code eval}, {@code su -c}, here-documents, {@code find -exec}. */
    private static Rating nested(ShellCommand c, Scope scope, int depth) {
        String program = c.program();
        Rating rating = Rating.LOW;
        if (ExfiltrationRules.SHELLS.contains(program) || program.equals("su")) {
            for (String code : scriptsAfter(c, "-c")) {
                rating = rating.or(script(code, scope, depth + 1));
            }
            for (ShellSyntax.Redirect redirect : c.redirects()) {
                if (redirect.body() != null || redirect.operator().equals("<<<")) {
                    rating = rating.or(script(redirect.body() != null ? redirect.body() : redirect.target(), scope, depth + 1));
                }
            }
        } else if (program.equals("eval") || program.equals("watch")) {
            rating = rating.or(script(String.join(" ", c.operands()), scope, depth + 1));
        } else if (program.equals("find")) {
            rating = rating.or(findExec(c, scope, depth));
        } else if (ExfiltrationRules.INTERPRETERS.contains(program) || program.startsWith("python")) {
            for (String option : INLINE_CODE_OPTIONS) {
                for (String code : c.values(option)) {
                    rating = rating.or(inlineCode(code, scope, depth));
                }
            }
        }
        return rating;
    }

    /** The argument after a {@code -c} (also grouped, {@code bash -lc}): the script a shell runs. */
    private static List<String> scriptsAfter(ShellCommand c, String option) {
        List<String> args = c.args();
        for (int i = 0; i < args.size() - 1; i++) {
            String arg = args.get(i);
            if (arg.equals(option) || (arg.matches("-[a-zA-Z]+") && arg.indexOf(option.charAt(1)) > 0)) {
                return List.of(args.get(i + 1));
            }
        }
        return List.of();
    }

    private static Rating findExec(ShellCommand c, Scope scope, int depth) {
        List<String> args = c.args();
        Rating rating = Rating.LOW;
        for (int i = 0; i < args.size(); i++) {
            if (List.of("-exec", "-execdir", "-ok", "-okdir").contains(args.get(i))) {
                int end = i + 1;
                while (end < args.size() && !args.get(end).equals(";") && !args.get(end).equals("+")) {
                    end++;
                }
                ShellCommand executed = ShellCommand.of(new ShellSyntax.Command(args.subList(i + 1, end), List.of(), List.of()));
                rating = rating.or(command(executed, scope, depth + 1));
                i = end;
            }
        }
        return rating;
    }

    /** Code given inline to an interpreter: the shell commands in its string literals ({@code os.system("…")}). */
    private static Rating inlineCode(String code, Scope scope, int depth) {
        Rating rating = Rating.LOW;
        Matcher literal = STRING_LITERAL.matcher(code);
        while (literal.find()) {
            String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
            Rating found = script(text, scope, depth + 1);
            if (found.risk().compareTo(SecurityRisk.MEDIUM) >= 0) {
                rating = rating.or(new Rating(found.risk(), "runs inline code that " + found.reason()));
            }
        }
        return rating;
    }
}
