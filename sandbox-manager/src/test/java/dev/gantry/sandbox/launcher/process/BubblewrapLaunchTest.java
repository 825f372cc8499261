package dev.gantry.sandbox.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gantry.sandbox.client.RuntimeClient;
import dev.gantry.sandbox.client.RuntimeProbe;
import dev.gantry.sandbox.config.SandboxConfig;
import dev.gantry.sandbox.launcher.InstanceSpec;
import dev.gantry.sandbox.launcher.LaunchException;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real runtimes under bubblewrap where the machine allows it (bwrap installed, the manager root): the
 * runtime runs as a uid of the sandbox range, in PID, IPC, UTS and mount namespaces of its own; without
 * bwrap a launch fails naming the tool and the opt-out.
 */
class BubblewrapLaunchTest {

    @TempDir
    Path root;

    @TempDir
    Path workspaces;

    final List<ProcessLauncher> launchers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopEverything() {
        launchers.forEach(ProcessLauncher::shutdown);
    }

    @Test
    void theRuntimeRunsAsItsOwnUidInNamespacesOfItsOwn() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap is not installed here");
        assumeTrue("root".equals(System.getProperty("user.name")), "the manager must be root to hand out uids");
        ProcessLauncher launcher = launcher(Map.of());
        String id = UUID.randomUUID().toString();

        launcher.start(new InstanceSpec(id, ProcessLauncherRestartTest.TEMPLATE, Optional.empty()));

        long wrapper = Long.parseLong(Files.readString(root.resolve(id).resolve("runtime.pid")).trim());
        ProcessHandle runtime = ProcessHandle.of(wrapper).orElseThrow().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst().orElseThrow();
        long uid = Long.parseLong(Files.readString(root.resolve(id).resolve("uid")).trim());
        assertThat(uid).isBetween(200000L, 200999L);
        assertThat(Files.readAllLines(Path.of("/proc", Long.toString(runtime.pid()), "status")))
                .anySatisfy(line -> assertThat(line).matches("Uid:\\s+" + uid + "\\s+" + uid + "\\s+" + uid + "\\s+" + uid));
        for (String namespace : List.of("pid", "ipc", "uts", "mnt")) {
            assertThat(Files.readSymbolicLink(Path.of("/proc", Long.toString(runtime.pid()), "ns", namespace)))
                    .as(namespace).isNotEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns", namespace)));
        }
        assertThat(Files.getAttribute(root.resolve(id).resolve("workspace"), "unix:uid")).isEqualTo((int) uid);
        assertThat(new String(Files.readAllBytes(Path.of("/proc", Long.toString(runtime.pid()), "environ"))))
                .doesNotContain("QUARKUS_PROFILE").contains("HOME=/home/sandbox");
    }

    @Test
    void twoSandboxesGetDifferentUids() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap is not installed here");
        assumeTrue("root".equals(System.getProperty("user.name")), "the manager must be root to hand out uids");
        ProcessLauncher launcher = launcher(Map.of());

        launcher.start(new InstanceSpec("one", ProcessLauncherRestartTest.TEMPLATE, Optional.empty()));
        launcher.start(new InstanceSpec("two", ProcessLauncherRestartTest.TEMPLATE, Optional.empty()));

        assertThat(Files.readString(root.resolve("one/uid"))).isNotEqualTo(Files.readString(root.resolve("two/uid")));
    }

    @Test
    void withoutBubblewrapALaunchFailsNamingTheToolAndTheOptOut() {
        ProcessLauncher launcher = launcher(Map.of("gantry.sandbox.process.bubblewrap.bwrap", "/nonexistent/bwrap"));

        assertThatThrownBy(() -> launcher.start(new InstanceSpec("x", ProcessLauncherRestartTest.TEMPLATE,
                Optional.empty())))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("/nonexistent/bwrap is missing")
                .hasMessageContaining("bubblewrap")
                .hasMessageContaining("--unisolated");
    }

    @Test
    void aSharedDirectoryThatWouldShowThePlatformsDirectoryIsRefusedNamingTheSetting() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap is not installed here");
        assumeTrue("root".equals(System.getProperty("user.name")), "the manager must be root to hand out uids");
        ProcessLauncher launcher = launcher(Map.of("gantry.sandbox.process.bubblewrap.shared-dirs",
                root.getParent().toString()));

        assertThatThrownBy(() -> launcher.start(new InstanceSpec("shared", ProcessLauncherRestartTest.TEMPLATE,
                Optional.empty())))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("gantry.sandbox.process.bubblewrap.shared-dirs")
                .hasMessageContaining(root.getParent().toString());
    }

    private ProcessLauncher launcher(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "gantry.sandbox.process.root", root.toString(),
                "gantry.sandbox.process.workspaces", workspaces.toString(),
                "gantry.sandbox.process.runtime-jar", System.getProperty("gantry.sandbox.process.runtime-jar"),
                "gantry.sandbox.start-timeout", "60s"));
        properties.putAll(extra);
        SandboxConfig config = new SmallRyeConfigBuilder().withMapping(SandboxConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build().getConfigMapping(SandboxConfig.class);
        RuntimeClient client = new RuntimeClient(config);
        ProcessLauncher launcher = new ProcessLauncher(config, new RuntimeProbe(client, config), client, r -> { });
        launchers.add(launcher);
        return launcher;
    }
}
