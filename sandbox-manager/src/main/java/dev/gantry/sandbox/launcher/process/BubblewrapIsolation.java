package dev.gantry.sandbox.launcher.process;

import dev.gantry.sandbox.config.SandboxConfig;
import dev.gantry.sandbox.launcher.LaunchException;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Readies one instance for {@link BubblewrapCommand}: the tools are there, the host-address rule is in
 * place, the instance has its own uid (kept in its directory for its life) and its workspace and home
 * belong to that uid.
 */
final class BubblewrapIsolation {

    private static final String UID_FILE = "uid";

    private final SandboxConfig.Process config;
    private final HostAddressGuard guard;

    BubblewrapIsolation(SandboxConfig.Process config) {
        this.config = config;
        this.guard = new HostAddressGuard(config.bubblewrap());
    }

    /** The runtime command wrapped for {@code dir}; {@code env} replaced by the sandbox's own. */
    List<String> wrap(InstanceDirectory dir, Path namedWorkspace, Path workspaces, Path javaHome, Path jar,
            List<String> runtime, Map<String, String> env) {
        SandboxConfig.Bubblewrap tools = config.bubblewrap();
        requireTool(tools.bwrap(), "bubblewrap");
        requireTool(tools.setpriv(), "util-linux");
        requireTool(tools.prlimit(), "util-linux");
        requireTool(tools.nft(), "nftables");
        guard.ensureInstalled();
        requireSharedDirsApart();
        long uid = uidOf(dir);
        Path home = dir.root().resolve("home");
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        own(dir.workspace(), uid);
        own(home, uid);
        env.clear();
        env.putAll(BubblewrapCommand.baseEnvironment());
        // not claimed yet: the name it will be given appears through its own directory of names (see claim)
        Optional<BubblewrapCommand.WorkspaceLinks> links = namedWorkspace.equals(dir.workspace().toAbsolutePath())
                ? Optional.of(new BubblewrapCommand.WorkspaceLinks(dir.createLinks().toAbsolutePath(),
                        workspaces.toAbsolutePath()))
                : Optional.empty();
        return new BubblewrapCommand(tools, uid, dir.workspace().toAbsolutePath(), namedWorkspace, home.toAbsolutePath(),
                javaHome, jar.toAbsolutePath().getParent(), links).wrap(runtime);
    }

    /** A shared directory never shows a sandbox the sandboxes' own tree (other workspaces, homes, uids). */
    private void requireSharedDirsApart() {
        Path root = config.root().toAbsolutePath().normalize();
        Path platform = root.getParent() == null ? root : root.getParent();
        List<Path> kept = new java.util.ArrayList<>(List.of(platform));
        config.workspaces().ifPresent(w -> kept.add(w.toAbsolutePath().normalize()));
        for (Path shared : config.bubblewrap().sharedDirs().orElse(List.of())) {
            Path dir = shared.toAbsolutePath().normalize();
            for (Path platformDir : kept) {
                if (dir.startsWith(platformDir) || platformDir.startsWith(dir)) {
                    throw new LaunchException("gantry.sandbox.process.bubblewrap.shared-dirs: " + shared
                            + " would show the sandboxes the platform's directory " + platformDir);
                }
            }
        }
    }

    private static void requireTool(Path tool, String debianPackage) {
        if (!Files.isExecutable(tool)) {
            throw new LaunchException("local sandboxes run under bubblewrap (gantry.sandbox.process.isolation="
                    + "bubblewrap) but " + tool + " is missing: install the Debian package " + debianPackage
                    + " (./gantry up does), or opt in to unisolated sandboxes with ./gantry up --unisolated");
        }
    }

    /**
     * Kills whatever still runs as the instance's uid. A wrapper that dies on its own (killed from outside) leaves
     * the sandbox's pid namespace running, reparented to init and out of the launcher's sight: its processes are
     * found by the uid that is the instance's alone.
     */
    void killLeftovers(InstanceDirectory dir) {
        Path file = dir.root().resolve(UID_FILE);
        long uid;
        try {
            uid = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            return;
        }
        ProcessHandle.allProcesses().filter(process -> realUid(process) == uid).forEach(process -> {
            Log.warnf("killing pid %d of sandbox %s, left running by its wrapper", process.pid(), dir.instanceId());
            process.destroyForcibly();
        });
    }

    /** The process's real uid, -1 when it is gone. */
    private static long realUid(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone meanwhile
        }
        return -1;
    }

    /** The instance's uid: the one it was given, else the lowest of the range no other instance holds. */
    private synchronized long uidOf(InstanceDirectory dir) {
        Path file = dir.root().resolve(UID_FILE);
        try {
            if (Files.exists(file)) {
                return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
            }
            Set<Long> taken = new HashSet<>();
            try (Stream<Path> instances = Files.list(config.root())) {
                for (Path other : instances.map(p -> p.resolve(UID_FILE)).filter(Files::exists).toList()) {
                    taken.add(Long.parseLong(Files.readString(other, StandardCharsets.UTF_8).trim()));
                }
            }
            SandboxConfig.Bubblewrap tools = config.bubblewrap();
            for (long uid = tools.firstUid(); uid < tools.firstUid() + tools.uidCount(); uid++) {
                if (!taken.contains(uid)) {
                    Files.writeString(file, Long.toString(uid), StandardCharsets.UTF_8);
                    return uid;
                }
            }
            throw new LaunchException("every sandbox uid (" + tools.uidCount() + " from " + tools.firstUid()
                    + ", gantry.sandbox.process.bubblewrap.uid-count) is in use");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything under {@code dir} (links themselves, never what they point to) owned by {@code uid}. */
    private static void own(Path dir, long uid) {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.toList()) {
                Files.setAttribute(path, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", (int) uid, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not give " + dir + " to the sandbox's uid " + uid, e);
        }
    }
}
