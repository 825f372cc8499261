package dev.gantry.sandbox.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.sandbox.client.RuntimeClient;
import dev.gantry.sandbox.config.SandboxConfig;
import dev.gantry.sandbox.launcher.InstanceSpec;
import dev.gantry.sandbox.launcher.LaunchException;
import dev.gantry.sandbox.launcher.RuntimeEndpoint;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local runtimes asked for all at once start a few at a time ({@code gantry.sandbox.process.concurrent-starts}). */
class ConcurrentStartsTest {

    @TempDir
    Path root;

    @TempDir
    Path workspaces;

    ProcessLauncher launcher;

    @AfterEach
    void stop() {
        if (launcher != null) {
            launcher.shutdown();
        }
    }

    @Test
    void runtimesAskedForTogetherStartOneAtATimeWhenTheLimitIsOneAndAllAnswer() throws Exception {
        launcher = launcher(1);
        List<Future<RuntimeEndpoint>> starts = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 3; i++) {
                String id = UUID.randomUUID().toString();
                starts.add(callers.submit(() -> launcher.start(new InstanceSpec(id,
                        ProcessLauncherRestartTest.TEMPLATE, Optional.empty()))));
            }
        }
        for (Future<RuntimeEndpoint> start : starts) {
            RuntimeEndpoint endpoint = start.get();
            assertThat(new RuntimeClient(config(1)).alive(endpoint.baseUrl(), java.time.Duration.ofSeconds(5)))
                    .isTrue();
        }
        assertThat(launcher.peakConcurrentStarts()).isEqualTo(1);
        assertThat(launcher.startsInProgress()).isZero();
        assertThat(launcher.startsWaiting()).isZero();
    }

    @Test
    void withoutALimitBelowTheirNumberRuntimesAskedForTogetherStartTogether() throws Exception {
        launcher = launcher(3);
        CountDownLatch together = new CountDownLatch(1);
        List<Future<RuntimeEndpoint>> starts = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 3; i++) {
                String id = UUID.randomUUID().toString();
                starts.add(callers.submit(() -> {
                    together.await();
                    return launcher.start(new InstanceSpec(id, ProcessLauncherRestartTest.TEMPLATE, Optional.empty()));
                }));
            }
            together.countDown();
        }
        for (Future<RuntimeEndpoint> start : starts) {
            start.get();
        }
        assertThat(launcher.peakConcurrentStarts()).isGreaterThan(1);
    }

    @Test
    void aStartThatDoesNotGetItsTurnWithinTheStartTimeoutFailsSayingSo() throws Exception {
        StartGate gate = new StartGate(1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = Thread.ofVirtual().start(() -> gate.admit(Instant.now().plusSeconds(10), () -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "first";
        }));
        holding.await();

        assertThatThrownBy(() -> gate.admit(Instant.now().plusMillis(200), () -> "second"))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("did not get its turn to start");
        assertThat(gate.waiting()).isZero();

        release.countDown();
        first.join();
        assertThat(gate.admit(Instant.now().plusSeconds(1), () -> "third")).isEqualTo("third");
        assertThat(gate.peak()).isEqualTo(1);
    }

    private ProcessLauncher launcher(int concurrentStarts) {
        return LauncherConfigs.launcher(config(concurrentStarts), failure -> { });
    }

    private SandboxConfig config(int concurrentStarts) {
        return LauncherConfigs.local(root, workspaces,
                Map.of("gantry.sandbox.process.concurrent-starts", Integer.toString(concurrentStarts)));
    }
}
