package dev.gantry.system.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The sandbox-runtime processes of this machine, found by the workspace they were started on. */
public final class SandboxProcesses {

    private SandboxProcesses() {
    }

    /** The pids of the live processes whose environment has {@code GANTRY_WORKSPACE=<workspace>}. */
    public static List<Long> serving(String workspace) {
        String entry = "GANTRY_WORKSPACE=" + workspace;
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            return proc.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> environment(p).contains(entry))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
    }

    private static List<String> environment(Path process) {
        try {
            return Arrays.asList(new String(Files.readAllBytes(process.resolve("environ")), StandardCharsets.UTF_8)
                    .split("\0"));
        } catch (IOException goneOrNotOurs) {
            return List.of();
        }
    }
}
