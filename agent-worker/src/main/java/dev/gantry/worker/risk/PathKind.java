package dev.gantry.worker.risk;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a path a command or an edit names lies, as far as it can be told from the text: the workspace (and inside
 * it), scratch space, the home directory and its {@code .ssh}, the system's directories, devices, or somewhere else.
 * A relative path is taken from the directory the command runs in; {@code ~} and {@code $HOME} stand for a home
 * directory that is never the workspace.
 */
enum PathKind {
    ROOT, HOME, SSH, SYSTEM, DEVICE, HARMLESS_DEVICE, WORKSPACE, INSIDE, TEMPORARY, OUTSIDE,
    /** Named through a variable or a command's output: known only when it runs. */
    UNKNOWN;

    private static final Set<String> SYSTEM_DIRECTORIES = Set.of("etc", "usr", "bin", "sbin", "lib", "lib32", "lib64",
            "libx32", "boot", "var", "opt", "srv", "proc", "sys", "snap", "mnt", "media", "run");
    private static final Set<String> HARMLESS_DEVICES = Set.of("/dev/null", "/dev/zero", "/dev/stdout", "/dev/stderr",
            "/dev/stdin", "/dev/tty", "/dev/random", "/dev/urandom", "/dev/full");
    private static final Pattern HOME_PREFIX = Pattern.compile("^(~[A-Za-z0-9_.-]*|\\$HOME|\\$\\{HOME})(?=/|$)");
    private static final Pattern SECRET_FILE = Pattern.compile(
            "(^|/)(\\.env(\\.[A-Za-z0-9_-]+)?|id_(rsa|dsa|ecdsa|ed25519)(_sk)?|[^/]+\\.(pem|key|p12|pfx|jks|keystore)"
                    + "|\\.netrc|\\.git-credentials|\\.npmrc|\\.pypirc|\\.pgpass|\\.vault-token|shadow|gshadow"
                    + "|credentials(\\.json)?|application_default_credentials\\.json|service[-_]account[^/]*\\.json"
                    + "|\\.aws/config|\\.kube/config|\\.docker/config\\.json|authorized_keys|known_hosts)$");
    private static final Set<String> EXAMPLE_SUFFIXES = Set.of(".example", ".sample", ".template", ".dist", ".defaults");

    /** What {@code raw} names, for a command running in {@code cwd} (a path, or {@code ~}-based) of this workspace. */
    static PathKind of(String raw, String cwd, String workspace) {
        if (raw == null || raw.isEmpty()) {
            return INSIDE;
        }
        String home = homeRelative(raw);
        if (home != null) {
            return ofHome(home);
        }
        if (raw.contains("$") || raw.contains("`")) {
            return UNKNOWN;
        }
        if (!raw.startsWith("/")) {
            String base = cwd == null ? workspace : cwd;
            return of(base.endsWith("/") ? base + raw : base + "/" + raw, null, workspace);
        }
        String path = normalize(raw);
        String root = normalize(workspace);
        if (path.equals(root)) {
            return WORKSPACE;
        }
        if (path.startsWith(root.equals("/") ? "/" : root + "/")) {
            return INSIDE;
        }
        if (path.equals("/")) {
            return ROOT;
        }
        if (path.matches("(/root|/home(/[^/]+)?)") ) {
            return HOME;
        }
        if (path.matches("(/root|/home/[^/]+)/\\.ssh(/.*)?")) {
            return SSH;
        }
        if (HARMLESS_DEVICES.contains(path) || path.startsWith("/dev/fd/")) {
            return HARMLESS_DEVICE;
        }
        if (path.startsWith("/dev/")) {
            return DEVICE;
        }
        if (path.equals("/tmp") || path.startsWith("/tmp/") || path.equals("/var/tmp") || path.startsWith("/var/tmp/")) {
            return TEMPORARY;
        }
        String first = path.substring(1).split("/", 2)[0];
        return SYSTEM_DIRECTORIES.contains(first) ? SYSTEM : OUTSIDE;
    }

    /** Whether the file holds credentials: keys, tokens, passwords ({@code .env}, {@code id_rsa}, {@code *.pem}...). */
    static boolean isSecretFile(String raw) {
        String path = raw.toLowerCase(Locale.ROOT);
        if (EXAMPLE_SUFFIXES.stream().anyMatch(path::endsWith) || path.endsWith(".pub")) {
            return false;
        }
        return SECRET_FILE.matcher(path).find() || path.contains("/.ssh/") || path.startsWith(".ssh/");
    }

    /** A shell startup file: what is written there runs at every login. */
    static boolean isShellStartupFile(String raw) {
        return raw.matches("(~|\\$HOME|\\$\\{HOME}|/root|/home/[^/]+)/\\.(bashrc|bash_profile|bash_login|profile|zshrc"
                + "|zprofile|zshenv|bash_logout)");
    }

    private static PathKind ofHome(String rest) {
        String path = normalize("/" + rest);
        if (path.equals("/")) {
            return HOME;
        }
        return path.equals("/.ssh") || path.startsWith("/.ssh/") ? SSH : OUTSIDE;
    }

    /** What follows the home directory in {@code raw} ("" for the home itself), or null when it is not home-based. */
    private static String homeRelative(String raw) {
        var matcher = HOME_PREFIX.matcher(raw);
        if (!matcher.find()) {
            return null;
        }
        return raw.substring(matcher.end());
    }

    /** The path with {@code .}, {@code ..}, doubled slashes and a trailing glob of a directory's entries resolved. */
    private static String normalize(String path) {
        String plain = path.replaceAll("/(\\*|\\.\\*|\\.)$", "/");
        String normalized = Path.of(plain).normalize().toString();
        return normalized.isEmpty() ? "/" : normalized;
    }
}
