package dev.gantry.sandbox.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.sandbox.launcher.InstanceFailed;
import dev.gantry.sandbox.launcher.InstanceSpec;
import dev.gantry.sandbox.launcher.KnownInstance;
import dev.gantry.sandbox.launcher.RuntimeEndpoint;
import dev.gantry.sandbox.launcher.SandboxClaim;
import dev.gantry.sandbox.service.SandboxTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process launcher outside Quarkus, so a manager restart can be played by a second launcher on
 * the same directory: after a crash it takes running runtimes back; after a clean shutdown none is
 * left running, and it knows which to start again.
 */
class ProcessLauncherRestartTest {

    static final SandboxTemplate TEMPLATE = new SandboxTemplate("default", "unused",
            new SandboxTemplate.Resources("1", "1", "1Gi", "1Gi", "1Gi", "1Gi"), Optional.empty(), Map.of(),
            List.of(), List.of(), 0, "1Gi", Optional.empty());

    @TempDir
    Path root;

    @TempDir
    Path workspaces;

    final List<InstanceFailed> failures = new CopyOnWriteArrayList<>();
    final List<ProcessLauncher> launchers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopEverything() {
        launchers.forEach(ProcessLauncher::shutdown);
    }

    @Test
    void aLauncherStartedAfterACrashTakesBackTheRunningRuntime() {
        // the crashed manager's own reports are not this test's concern: its runtime is taken over, not dead
        ProcessLauncher crashed = launcher(new CopyOnWriteArrayList<>());
        SandboxClaim claim = claim();
        RuntimeEndpoint endpoint = crashed.start(new InstanceSpec(claim.sandboxId().toString(), TEMPLATE, Optional.of(claim)));
        long pid = pid(claim.sandboxId().toString());

        ProcessLauncher restarted = launcher();
        List<KnownInstance> found = restarted.discover();

        assertThat(found).singleElement().satisfies(known -> {
            assertThat(known.instanceId()).isEqualTo(claim.sandboxId().toString());
            assertThat(known.claim()).contains(claim);
            assertThat(known.template()).isEqualTo("default");
            assertThat(known.running()).contains(endpoint);
            assertThat(known.running().orElseThrow().sessionKey()).isEqualTo(endpoint.sessionKey());
        });
        restarted.remove(claim.sandboxId().toString());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(root.resolve(claim.sandboxId().toString())).doesNotExist();
        assertThat(failures).isEmpty();
    }

    @Test
    void shutdownLeavesNoProcessBehindAndTheNextLauncherStartsItAgainOnTheSameWorkspace() throws Exception {
        ProcessLauncher first = launcher();
        SandboxClaim claim = claim();
        String id = claim.sandboxId().toString();
        RuntimeEndpoint before = first.start(new InstanceSpec(id, TEMPLATE, Optional.of(claim)));
        long pid = pid(id);
        Files.writeString(root.resolve(id).resolve("workspace/kept.txt"), "still here");

        first.shutdown();

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        ProcessLauncher second = launcher();
        assertThat(second.discover()).singleElement().satisfies(known -> {
            assertThat(known.running()).isEmpty();
            assertThat(known.wantsRunning()).isTrue();
        });
        RuntimeEndpoint after = second.start(new InstanceSpec(id, TEMPLATE, Optional.of(claim)));
        assertThat(after.sessionKey()).isEqualTo(before.sessionKey());
        assertThat(root.resolve(id).resolve("workspace/kept.txt")).hasContent("still here");
        assertThat(failures).isEmpty();
    }

    @Test
    void aPausedInstanceIsNotToBeStartedAgainAfterARestart() {
        ProcessLauncher first = launcher();
        SandboxClaim claim = claim();
        String id = claim.sandboxId().toString();
        first.start(new InstanceSpec(id, TEMPLATE, Optional.of(claim)));

        first.stop(id);

        assertThat(launcher().discover()).singleElement().satisfies(known -> {
            assertThat(known.running()).isEmpty();
            assertThat(known.wantsRunning()).isFalse();
        });
    }

    @Test
    void aPooledInstanceOnceClaimedHasItsWorkspaceAtTheSandboxsIdUntilItIsRemoved() throws Exception {
        ProcessLauncher launcher = launcher();
        launcher.start(new InstanceSpec("pool-1", TEMPLATE, Optional.empty()));
        SandboxClaim claim = claim();
        Path link = workspaces.resolve(claim.sandboxId().toString());
        assertThat(link).doesNotExist();

        assertThat(launcher.claim("pool-1", claim)).isTrue();

        assertThat(launcher.workspaceOf(claim.sandboxId())).isEqualTo(link);
        assertThat(link.toRealPath()).isEqualTo(root.resolve("pool-1/workspace").toRealPath());
        Files.writeString(link.resolve("notes.txt"), "written by the agent");
        assertThat(root.resolve("pool-1/workspace/notes.txt")).hasContent("written by the agent");

        launcher.remove("pool-1");
        assertThat(link).doesNotExist();
        assertThat(Files.isSymbolicLink(link)).isFalse();
    }

    @Test
    void aRuntimeWhoseWrapperIsKilledIsReportedAndLeavesNothingRunning() {
        ProcessLauncher launcher = launcher();
        String id = UUID.randomUUID().toString();
        launcher.start(new InstanceSpec(id, TEMPLATE, Optional.empty()));
        ProcessHandle wrapper = ProcessHandle.of(pid(id)).orElseThrow();
        // under bubblewrap: the sandbox's init and the runtime's JVM, which a killed outer wrapper leaves behind
        List<ProcessHandle> inside = wrapper.descendants().toList();

        wrapper.destroyForcibly();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(failures).extracting(InstanceFailed::instanceId).containsExactly(id));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(inside).noneMatch(ProcessHandle::isAlive));
    }

    private long pid(String instanceId) {
        try {
            return Long.parseLong(Files.readString(root.resolve(instanceId).resolve("runtime.pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SandboxClaim claim() {
        return new SandboxClaim(UUID.randomUUID(), "alice", UUID.randomUUID(), Instant.parse("2026-11-26T10:00:00Z"));
    }

    private ProcessLauncher launcher() {
        return launcher(failures);
    }

    private ProcessLauncher launcher(List<InstanceFailed> reports) {
        ProcessLauncher launcher = LauncherConfigs.launcher(LauncherConfigs.local(root, workspaces, Map.of()),
                reports::add);
        launchers.add(launcher);
        return launcher;
    }
}
