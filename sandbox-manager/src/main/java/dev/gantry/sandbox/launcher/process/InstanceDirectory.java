package dev.gantry.sandbox.launcher.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.contracts.GantryJson;
import dev.gantry.sandbox.launcher.SandboxClaim;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory of one local sandbox instance and the files that let a restarted manager find it
 * again: the workspace, the runtime's pid and port, its session key (readable by the owner only),
 * which sandbox claimed it, its template, and a marker that it was paused on purpose.
 */
record InstanceDirectory(Path root) {

    private static final ObjectMapper JSON = GantryJson.mapper();

    Path workspace() {
        return root.resolve("workspace");
    }

    /**
     * The instance's own directory of workspace names: a pooled instance sees it where the workspaces are named,
     * so the link by its sandbox's id, put here when it is claimed, leads to its workspace inside it too.
     */
    Path links() {
        return root.resolve("links");
    }

    Path createLinks() {
        try {
            return Files.createDirectories(links());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path log() {
        return root.resolve("runtime.log");
    }

    String instanceId() {
        return root.getFileName().toString();
    }

    void create() {
        try {
            Files.createDirectories(workspace());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists() {
        return Files.isDirectory(root);
    }

    Optional<String> sessionKey() {
        return read("session.key");
    }

    /** Written with owner-only permissions before any content, so the key is never readable by others. */
    void writeSessionKey(String key) {
        Path file = root.resolve("session.key");
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, key, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<Long> pid() {
        return read("runtime.pid").map(Long::parseLong);
    }

    Optional<Integer> port() {
        return read("runtime.port").map(Integer::parseInt);
    }

    void writeRunning(long pid, int port) {
        write("runtime.port", Integer.toString(port));
        write("runtime.pid", Long.toString(pid));
    }

    void clearRunning() {
        delete("runtime.pid");
        delete("runtime.port");
    }

    Optional<String> template() {
        return read("template");
    }

    void writeTemplate(String template) {
        write("template", template);
    }

    Optional<SandboxClaim> claim() {
        return read("claim.json").map(json -> {
            try {
                return JSON.readValue(json, SandboxClaim.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    void writeClaim(SandboxClaim claim) {
        try {
            write("claim.json", JSON.writeValueAsString(claim));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean paused() {
        return Files.exists(root.resolve("paused"));
    }

    void markPaused(boolean paused) {
        if (paused) {
            write("paused", "");
        } else {
            delete("paused");
        }
    }

    void removeAll() {
        if (!exists()) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<String> read(String name) {
        Path file = root.resolve(name);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Through a temporary file and a rename, so a crash never leaves half a file to be read at restart. */
    private void write(String name, String content) {
        try {
            Path temporary = root.resolve(name + ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, root.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void delete(String name) {
        try {
            Files.deleteIfExists(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
