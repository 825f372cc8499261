package dev.gantry.worker.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What leaves the sandbox or comes into it to run: secret files, secret variables and the environment sent over the
 * network (as an upload, in a URL, through a pipe), files copied to another machine, raw connections, secret files
 * read into the LLM's view, and code downloaded and run at once ({@code curl … | sh}).
 */
final class ExfiltrationRules {

    static final Set<String> DOWNLOADERS = Set.of("curl", "wget", "http", "https", "xh", "curlie", "aria2c", "fetch");
    private static final Set<String> RAW_SENDERS = Set.of("nc", "ncat", "netcat", "socat", "telnet", "openssl");
    private static final Set<String> REMOTE_COPIES = Set.of("scp", "rsync", "sftp");
    private static final Set<String> NETWORK = Set.of("curl", "wget", "http", "https", "xh", "curlie", "nc", "ncat",
            "netcat", "socat", "telnet", "ssh", "scp", "rsync", "sftp", "ftp", "mail", "sendmail", "mutt", "openssl");
    static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "fish", "ash", "mksh", "csh", "tcsh");
    static final Set<String> INTERPRETERS = Set.of("python", "python2", "python3", "perl", "ruby", "node", "nodejs",
            "php", "deno", "bun", "lua", "Rscript");
    private static final Set<String> READERS = Set.of("cat", "less", "more", "head", "tail", "base64", "xxd", "od",
            "strings", "nl", "tac", "bat", "batcat", "hexdump", "gpg", "tar", "zip", "gzip", "grep", "awk", "cut", "sort");
    private static final Set<String> ENVIRONMENT_DUMPS = Set.of("env", "printenv", "set", "export", "declare");
    /** A reference to a variable whose name says it holds a secret: {@code $API_KEY}, {@code ${GITHUB_TOKEN}}. */
    private static final Pattern SECRET_VARIABLE = Pattern.compile(
            "\\$\\{?([A-Za-z_][A-Za-z0-9_]*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE)[A-Za-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);
    /** Where curl and wget take what they send: {@code -d @file}, {@code -F f=@file}, {@code -T file}... */
    private static final String[] CURL_DATA = {"--data", "--data-binary", "--data-ascii", "--data-urlencode", "--json"};
    private static final Pattern REMOTE_PATH = Pattern.compile("^([A-Za-z0-9._-]+@)?[A-Za-z0-9._-]+:(?!//).*|^rsync://.*");

    private ExfiltrationRules() {
    }

    static Rating rate(ShellCommand c, Scope scope) {
        String program = c.program();
        Rating rating = Rating.LOW;
        if (NETWORK.contains(program)) {
            rating = rating.or(secretsInArguments(c, scope));
        }
        if (program.equals("curl") || program.equals("wget") || program.equals("http") || program.equals("xh")) {
            for (String file : uploads(c)) {
                rating = rating.or(file.equals("-") ? Rating.LOW : isSecret(file, scope)
                        ? Rating.high("sends a secret file (" + file + ") out")
                        : Rating.medium("uploads a file (" + file + ") over the network"));
            }
        }
        if (REMOTE_COPIES.contains(program)) {
            rating = rating.or(remoteCopy(c, scope));
        }
        if (RAW_SENDERS.contains(program)) {
            boolean secretInput = c.redirects().stream().anyMatch(r -> r.operator().equals("<") && isSecret(r.target(), scope));
            rating = rating.or(secretInput ? Rating.high("sends a secret file (" + inputOf(c) + ") out (" + program + ")")
                    : Rating.medium("opens a raw network connection (" + program + ")"));
        }
        if (program.equals("ssh") && !c.operands().isEmpty()) {
            rating = rating.or(Rating.medium("runs commands on another machine (ssh)"));
        }
        if (READERS.contains(program)) {
            Optional<String> secret = c.operands().stream().filter(o -> isSecret(o, scope)).findFirst();
            if (secret.isPresent()) {
                rating = rating.or(Rating.medium("reads a secret file (" + secret.get() + "): what it shows goes to the LLM"));
            }
        }
        if ((SHELLS.contains(program) || INTERPRETERS.contains(program) || program.equals("eval")
                || program.equals("source") || program.equals(".")) && c.substitutions().stream().anyMatch(ExfiltrationRules::downloads)) {
            rating = rating.or(Rating.high("runs code downloaded from the internet (" + program + " $(curl …))"));
        }
        return rating;
    }

    /** Pipes: a download into a shell or interpreter; the environment or a secret file into a network sender. */
    static Rating pipeline(List<ShellCommand> commands, Scope scope) {
        Rating rating = Rating.LOW;
        for (int j = 1; j < commands.size(); j++) {
            ShellCommand consumer = commands.get(j);
            List<ShellCommand> before = commands.subList(0, j);
            if (runsItsInput(consumer) && before.stream().anyMatch(b -> DOWNLOADERS.contains(b.program()))) {
                rating = rating.or(Rating.high("runs code downloaded from the internet (… | " + consumer.program() + ")"));
            }
            if (sendsItsInput(consumer)) {
                rating = rating.or(before.stream().anyMatch(b -> readsSecrets(b, scope))
                        ? Rating.high("sends the environment or a secret file out (… | " + consumer.program() + ")")
                        : Rating.medium("sends command output over the network (… | " + consumer.program() + ")"));
            }
        }
        return rating;
    }

    /** Whether a script's first program downloads: {@code $(curl -fsSL …)}. */
    static boolean downloads(String script) {
        return ShellSyntax.parse(script).stream().flatMap(p -> p.commands().stream())
                .anyMatch(c -> DOWNLOADERS.contains(ShellCommand.of(c).program()));
    }

    private static boolean runsItsInput(ShellCommand c) {
        String program = c.program();
        if (SHELLS.contains(program)) {
            return !c.has('c') && (c.operands().isEmpty() || c.operands().get(0).equals("-") || c.has('s'));
        }
        if (INTERPRETERS.contains(program) || program.startsWith("python")) {
            return c.operands().isEmpty() || c.operands().get(0).equals("-");
        }
        return (program.equals("source") || program.equals(".")) && c.operands().contains("/dev/stdin");
    }

    private static boolean sendsItsInput(ShellCommand c) {
        String program = c.program();
        if (RAW_SENDERS.contains(program) || program.equals("ssh") || program.equals("mail") || program.equals("sendmail")) {
            return true;
        }
        return (program.equals("curl") || program.equals("http") || program.equals("xh")) && uploads(c).contains("-");
    }

    private static boolean readsSecrets(ShellCommand c, Scope scope) {
        if (ENVIRONMENT_DUMPS.contains(c.program()) && (c.operands().isEmpty() || c.program().equals("printenv"))) {
            return true;
        }
        return (READERS.contains(c.program()) && c.operands().stream().anyMatch(o -> isSecret(o, scope) || o.endsWith("/environ")))
                || c.redirects().stream().anyMatch(r -> r.operator().equals("<") && isSecret(r.target(), scope));
    }

    /** Secret variables or a dump of the environment or a secret file in the command's arguments or substitutions. */
    private static Rating secretsInArguments(ShellCommand c, Scope scope) {
        for (String arg : c.args()) {
            Matcher variable = SECRET_VARIABLE.matcher(arg);
            if (variable.find()) {
                return Rating.high("sends a secret variable ($" + variable.group(1) + ") over the network (" + c.program() + ")");
            }
        }
        for (String script : c.substitutions()) {
            boolean dumps = ShellSyntax.parse(script).stream().flatMap(p -> p.commands().stream()).map(ShellCommand::of)
                    .anyMatch(s -> readsSecrets(s, scope));
            if (dumps) {
                return Rating.high("sends the environment or a secret file out (" + c.program() + " … $(" + script + "))");
            }
        }
        return Rating.LOW;
    }

    /** The files an HTTP client sends, {@code -} for its input. */
    private static List<String> uploads(ShellCommand c) {
        List<String> files = new ArrayList<>();
        if (c.program().equals("curl")) {
            for (String data : c.values("-d", CURL_DATA)) {
                int at = data.indexOf('@');
                if (data.startsWith("@") || (at > 0 && c.args().contains("--data-urlencode"))) {
                    files.add(data.substring(at + 1));
                }
            }
            for (String form : c.values("-F", "--form")) {
                Matcher file = Pattern.compile("=[@<]([^;]+)").matcher(form);
                if (file.find()) {
                    files.add(file.group(1));
                }
            }
            files.addAll(c.values("-T", "--upload-file"));
        } else if (c.program().equals("wget")) {
            files.addAll(c.values(null, "--post-file", "--body-file"));
        } else {
            c.operands().stream().filter(o -> o.startsWith("@") || o.matches("[A-Za-z0-9_-]+=?@.+"))
                    .map(o -> o.substring(o.indexOf('@') + 1)).forEach(files::add);
        }
        return files;
    }

    private static Rating remoteCopy(ShellCommand c, Scope scope) {
        List<String> operands = c.operands();
        if (operands.size() < 2 || !REMOTE_PATH.matcher(operands.get(operands.size() - 1)).matches()) {
            return Rating.LOW;
        }
        Optional<String> secret = operands.subList(0, operands.size() - 1).stream().filter(o -> isSecret(o, scope)
                || scope.kind(o) == PathKind.SSH || scope.kind(o) == PathKind.HOME).findFirst();
        return secret.isPresent() ? Rating.high("copies a secret file (" + secret.get() + ") to another machine (" + c.program() + ")")
                : Rating.medium("copies files to another machine (" + c.program() + ")");
    }

    private static boolean isSecret(String path, Scope scope) {
        return PathKind.isSecretFile(path) || (scope.kind(path) == PathKind.SSH && !path.endsWith(".pub"));
    }

    private static String inputOf(ShellCommand c) {
        return c.redirects().stream().filter(r -> r.operator().equals("<")).map(ShellSyntax.Redirect::target)
                .findFirst().orElse("");
    }
}
