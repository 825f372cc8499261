package dev.gantry.sandbox.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.sandbox.client.RuntimeClient;
import dev.gantry.sandbox.client.RuntimeProbe;
import dev.gantry.sandbox.config.SandboxConfig;
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
        launcher = launcher("10");
        String id = UUID.randomUUID().toString();
        launcher.start(new InstanceSpec(id, ProcessLauncherRestartTest.TEMPLATE, Optional.empty()));

        ProcessHandle wrapper = ProcessHandle.of(Long.parseLong(Files.readString(root.resolve(id)
                .resolve("runtime.pid")).trim())).orElseThrow();
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
        launcher = launcher("0");
        String id = UUID.randomUUID().toString();
        launcher.start(new InstanceSpec(id, ProcessLauncherRestartTest.TEMPLATE, Optional.empty()));

        ProcessHandle wrapper = ProcessHandle.of(Long.parseLong(Files.readString(root.resolve(id)
                .resolve("runtime.pid")).trim())).orElseThrow();
        assertThat(niceness(wrapper)).isZero();
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

    private ProcessLauncher launcher(String niceness) {
        SandboxConfig config = LauncherConfigs.of(Map.of(
                "gantry.sandbox.process.root", root.toString(),
                "gantry.sandbox.process.workspaces", workspaces.toString(),
                "gantry.sandbox.process.runtime-jar", System.getProperty("gantry.sandbox.process.runtime-jar"),
                "gantry.sandbox.process.niceness", niceness,
                "gantry.sandbox.start-timeout", "60s"));
        RuntimeClient client = new RuntimeClient(config);
        return new ProcessLauncher(config, new RuntimeProbe(client, config), client, failure -> { });
    }
}
