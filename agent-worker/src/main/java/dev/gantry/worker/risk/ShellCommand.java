package dev.gantry.worker.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A simple command as it will run: the program that does the work once the wrappers in front of it are taken off
 * ({@code sudo}, {@code env}, {@code nohup}, {@code timeout}, {@code xargs}, {@code python -m}...), its arguments,
 * redirections and substituted scripts.
 *
 * @param program            the program's name without its directory, as the rules know it
 * @param privilege          the wrapper that runs it as root ({@code sudo}, {@code doas}...), null if none
 * @param argumentsFromInput whether more arguments come from the command's input ({@code xargs})
 */
record ShellCommand(String program, List<String> args, List<ShellSyntax.Redirect> redirects,
        List<String> substitutions, String privilege, boolean argumentsFromInput) {

    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
    private static final Pattern PYTHON = Pattern.compile("python(\\d(\\.\\d+)?)?");
    private static final Set<String> ROOT_WRAPPERS = Set.of("sudo", "doas", "pkexec", "run0");
    /** Wrappers that run the rest of their arguments as a command. */
    private static final Set<String> PLAIN_WRAPPERS = Set.of("nohup", "time", "nice", "ionice", "stdbuf", "setsid",
            "command", "builtin", "exec", "unbuffer", "chronic", "caffeinate", "timeout", "env", "xargs");
    /** The options of each wrapper that take a value as the next word. */
    private static final Map<String, Set<String>> VALUED_OPTIONS = Map.of(
            "sudo", Set.of("-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T"),
            "doas", Set.of("-u", "-C"),
            "env", Set.of("-u", "-C", "-S", "--unset", "--chdir"),
            "nice", Set.of("-n", "--adjustment"),
            "ionice", Set.of("-c", "-n", "-p"),
            "timeout", Set.of("-s", "-k", "--signal", "--kill-after"),
            "xargs", Set.of("-I", "-n", "-P", "-L", "-s", "-d", "-E", "-a"),
            "time", Set.of("-f", "-o"));

    static ShellCommand of(ShellSyntax.Command command) {
        List<String> words = new ArrayList<>(command.words());
        String privilege = null;
        boolean fromInput = false;
        dropAssignments(words);
        while (!words.isEmpty()) {
            String program = baseName(words.get(0));
            if (ROOT_WRAPPERS.contains(program)) {
                privilege = program;
            } else if (program.equals("xargs")) {
                fromInput = true;
            } else if (PYTHON.matcher(program).matches() && words.size() > 2 && words.get(1).equals("-m")) {
                words.subList(0, 2).clear();
                continue;
            } else if (!PLAIN_WRAPPERS.contains(program)) {
                break;
            }
            List<String> rest = new ArrayList<>(words.subList(1, words.size()));
            dropOptions(rest, program);
            dropAssignments(rest);
            if (rest.isEmpty() && !ROOT_WRAPPERS.contains(program)) {
                // env, set alone... is the command itself
                break;
            }
            words = rest;
        }
        String program = words.isEmpty() ? "" : baseName(words.get(0));
        List<String> args = words.isEmpty() ? List.of() : List.copyOf(words.subList(1, words.size()));
        return new ShellCommand(program, args, List.copyOf(command.redirects()), command.substitutions(), privilege,
                fromInput);
    }

    /** Whether a short flag (alone or grouped, {@code -rf}) or one of the long options is given. */
    boolean has(char flag, String... longOptions) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.startsWith("--")) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                if (List.of(longOptions).contains(name)) {
                    return true;
                }
            } else if (flag != 0 && arg.length() > 1 && arg.charAt(0) == '-' && arg.substring(1).chars()
                    .allMatch(Character::isLetterOrDigit) && arg.indexOf(flag) > 0) {
                return true;
            }
        }
        return false;
    }

    /** The arguments that are not options (every one after {@code --}). */
    List<String> operands() {
        List<String> operands = new ArrayList<>();
        boolean optionsEnded = false;
        for (String arg : args) {
            if (!optionsEnded && arg.equals("--")) {
                optionsEnded = true;
            } else if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                operands.add(arg);
            }
        }
        return operands;
    }

    /**
     * The values of an option, however written: {@code -o v}, {@code -ov}, {@code --output v}, {@code --output=v}.
     */
    List<String> values(String shortOption, String... longOptions) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String next = i + 1 < args.size() ? args.get(i + 1) : null;
            if (shortOption != null && arg.equals(shortOption) && next != null) {
                values.add(next);
            } else if (shortOption != null && arg.startsWith(shortOption) && !arg.startsWith("--")
                    && arg.length() > shortOption.length()) {
                values.add(arg.substring(shortOption.length()));
            }
            for (String option : longOptions) {
                if (arg.equals(option) && next != null) {
                    values.add(next);
                } else if (arg.startsWith(option + "=")) {
                    values.add(arg.substring(option.length() + 1));
                }
            }
        }
        return values;
    }

    /** The first operand, which most tools take as their subcommand ({@code git push}, {@code npm publish}). */
    String subcommand() {
        List<String> operands = operands();
        return operands.isEmpty() ? "" : operands.get(0);
    }

    static String baseName(String word) {
        int slash = word.lastIndexOf('/');
        return slash < 0 ? word : word.substring(slash + 1);
    }

    private static void dropAssignments(List<String> words) {
        while (!words.isEmpty() && ASSIGNMENT.matcher(words.get(0)).matches()) {
            words.remove(0);
        }
    }

    /** Takes off a wrapper's options (and the duration {@code timeout} takes), leaving the command it runs. */
    private static void dropOptions(List<String> words, String wrapper) {
        while (!words.isEmpty() && words.get(0).startsWith("-")) {
            String option = words.remove(0);
            if (VALUED_OPTIONS.getOrDefault(wrapper, Set.of()).contains(option) && !words.isEmpty()) {
                words.remove(0);
            }
        }
        if (wrapper.equals("timeout") && !words.isEmpty()) {
            words.remove(0);
        }
    }
}
