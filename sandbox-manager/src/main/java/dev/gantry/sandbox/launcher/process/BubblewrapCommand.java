package dev.gantry.sandbox.launcher.process;

import dev.gantry.sandbox.config.SandboxConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line that starts one runtime under bubblewrap: a root of its own in which only the system
 * directories, the configured shared tool directories, the JDK and the runtime's application are visible
 * (read-only), its workspace and home
 * read-write, a private {@code /tmp} and {@code /proc}; own PID, IPC and UTS namespaces and a new session;
 * then {@code prlimit} caps its processes and {@code setpriv} drops it to its own uid with no capabilities
 * and no way to gain any. Nothing of the platform's directory ({@code .gantry}) is mounted: the session
 * key reaches the runtime through its environment, which its shell does not inherit.
 *
 * @param workspace the workspace on the host, mounted read-write at the same path
 * @param namedWorkspace the path the agent is told (the workspace mounted there too when it differs)
 * @param home the sandbox's home on the host, mounted read-write at {@link #HOME}
 * @param javaHome the JDK that runs the runtime, mounted read-only at the same path
 * @param application the runtime's {@code quarkus-app} directory, mounted read-only at the same path; the runtime
 *        starts in it, where the build's start-up archive expects it
 * @param links for an instance not claimed yet (a warm-pool one): its own directory of workspace names on the
 *        host, mounted read-only where the sandboxes' workspaces are named; claiming it puts there the link by
 *        the sandbox's id, which then leads to its workspace inside the sandbox too. Nothing of other sandboxes
 *        is in it.
 */
public record BubblewrapCommand(SandboxConfig.Bubblewrap tools, long uid, Path workspace, Path namedWorkspace,
        Path home, Path javaHome, Path application, Optional<WorkspaceLinks> links) {

    /** A claimed instance's command: its workspace is mounted by the name it was given. */
    public BubblewrapCommand(SandboxConfig.Bubblewrap tools, long uid, Path workspace, Path namedWorkspace, Path home,
            Path javaHome, Path application) {
        this(tools, uid, workspace, namedWorkspace, home, javaHome, application, Optional.empty());
    }

    /**
     * @param source the instance's own directory of names on the host
     * @param target the directory of workspace names the agent is told of ({@code <workspaces>})
     */
    public record WorkspaceLinks(Path source, Path target) {
    }

    /** Where the sandbox's home appears inside it. */
    public static final String HOME = "/home/sandbox";
    public static final String HOSTNAME = "gantry-sandbox";
    /** What the runtime and its shell find on their path inside the sandbox. */
    public static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** The few files of {@code /etc} programs need (names, DNS, certificates, alternatives); never the rest. */
    private static final List<String> ETC = List.of("/etc/alternatives", "/etc/ca-certificates",
            "/etc/ca-certificates.conf", "/etc/ssl", "/etc/java-21-openjdk", "/etc/java-17-openjdk",
            "/etc/host.conf", "/etc/hosts", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
            "/etc/localtime", "/etc/nsswitch.conf", "/etc/resolv.conf", "/etc/protocols", "/etc/services",
            "/etc/mime.types", "/etc/inputrc", "/etc/bash.bashrc", "/etc/profile", "/etc/gai.conf",
            "/etc/pip.conf", "/etc/npmrc", "/etc/gitconfig", "/etc/apt", "/etc/debian_version", "/etc/os-release");
    /** The top-level system directories; on a merged-/usr system most are links into {@code /usr}. */
    private static final List<String> SYSTEM = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

    /** The whole command: the wrapper's arguments, then {@code runtime} (the java command line) unchanged. */
    public List<String> wrap(List<String> runtime) {
        List<String> command = new ArrayList<>();
        command.add(tools.bwrap().toString());
        command.addAll(List.of("--unshare-pid", "--unshare-ipc", "--unshare-uts", "--hostname", HOSTNAME,
                "--new-session", "--ro-bind", "/usr", "/usr",
                // the private /tmp first: what is mounted below comes after, so a runtime or workspace that lies
                // under the host's /tmp (a checkout in /tmp) is mounted on it rather than hidden by it
                "--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--tmpfs", "/tmp"));
        Set<String> made = new HashSet<>(Set.of("/", "/usr", "/tmp"));
        for (String dir : SYSTEM) {
            Path path = Path.of(dir);
            if (Files.isSymbolicLink(path)) {
                command.addAll(List.of("--symlink", linkTarget(path), dir));
            } else if (Files.isDirectory(path)) {
                mount(command, made, "--ro-bind", dir, dir);
            }
        }
        for (String file : ETC) {
            mount(command, made, "--ro-bind-try", file, file);
        }
        for (Path shared : tools.sharedDirs().orElse(List.of())) {
            mount(command, made, "--ro-bind", shared.toString(), shared.toString());
        }
        if (!javaHome.startsWith("/usr")) {
            mount(command, made, "--ro-bind", javaHome.toString(), javaHome.toString());
        }
        mount(command, made, "--ro-bind", application.toString(), application.toString());
        mount(command, made, "--bind", home.toString(), HOME);
        mount(command, made, "--bind", workspace.toString(), workspace.toString());
        if (!namedWorkspace.equals(workspace)) {
            mount(command, made, "--bind", workspace.toString(), namedWorkspace.toString());
        }
        links.ifPresent(names -> mount(command, made, "--ro-bind", names.source().toString(),
                names.target().toString()));
        command.addAll(List.of("--chdir", application.toString(),
                // setpriv needs these two to change uid; it gives them up with every other capability
                "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--",
                tools.prlimit().toString(), "--nproc=" + tools.maxProcesses(), "--",
                tools.setpriv().toString(), "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                "--inh-caps=-all", "--no-new-privs", "--"));
        command.addAll(runtime);
        return List.copyOf(command);
    }

    /**
     * One mount, after the directories leading to it: bwrap would make them owner-only, which hides the
     * mount from the sandbox's uid; they are made traversable (0755, empty but for what is mounted in them).
     */
    private static void mount(List<String> command, Set<String> made, String option, String source, String target) {
        List<String> ancestors = new ArrayList<>();
        for (Path parent = Path.of(target).getParent(); parent != null; parent = parent.getParent()) {
            ancestors.add(0, parent.toString());
        }
        for (String dir : ancestors) {
            if (made.add(dir)) {
                command.addAll(List.of("--perms", "0755", "--dir", dir));
            }
        }
        command.addAll(List.of(option, source, target));
    }

    /** The environment the runtime starts with: nothing of the manager's, only what the sandbox needs. */
    public static Map<String, String> baseEnvironment() {
        return Map.of("PATH", PATH, "HOME", HOME, "LANG", "C.UTF-8", "USER", "sandbox", "TERM", "xterm");
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
