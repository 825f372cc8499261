package dev.gantry.sandbox.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.sandbox.launcher.InstanceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local sandbox's processes yield the CPU to the platform ({@code gantry.sandbox.process.niceness}). */
class RuntimePriorityTest {

    @TempDir
    Path root;

    @TempDir
    Path workspaces;

    ProcessLauncher launcher;

    @AfterEach
    void stop() {
        launcher.shutdown();
    }

    @Test
    void theRuntimeAndEveryProcessOfItsSandboxRunAtTheConfiguredNiceness() throws IOException {
        ProcessHandle wrapper = startedWith("10");
        List<ProcessHandle> all = java.util.stream.Stream.concat(java.util.stream.Stream.of(wrapper),
                wrapper.descendants()).toList();
        // the wrapper, the runtime's JVM and the shell it started ahead
        assertThat(all).hasSizeGreaterThanOrEqualTo(2);
        assertThat(all).allSatisfy(process -> assertThat(niceness(process)).as("niceness of %s", process.info()
                .command().orElse("?")).isEqualTo(10));
        assertThat(niceness(ProcessHandle.current())).isZero();
    }

    @Test
    void aNicenessOfZeroLeavesTheRuntimeAsTheManager() throws IOException {
        assertThat(niceness(startedWith("0"))).isZero();
    }

    /** Field 19 of /proc/<pid>/stat, counted after the command's closing parenthesis. */
    private static int niceness(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[16]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The process the launcher started for a runtime it was asked for with this niceness (the outer wrapper). */
    private ProcessHandle startedWith(String niceness) throws IOException {
        launcher = LauncherConfigs.launcher(LauncherConfigs.local(root, workspaces,
                Map.of("gantry.sandbox.process.niceness", niceness)), failure -> { });
        String id = UUID.randomUUID().toString();
        launcher.start(new InstanceSpec(id, ProcessLauncherRestartTest.TEMPLATE, Optional.empty()));
        return ProcessHandle.of(Long.parseLong(Files.readString(root.resolve(id).resolve("runtime.pid")).trim()))
                .orElseThrow();
    }
}
