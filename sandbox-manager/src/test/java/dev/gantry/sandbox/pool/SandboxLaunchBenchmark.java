package dev.gantry.sandbox.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.contracts.sandbox.SandboxStatus;
import dev.gantry.sandbox.service.CreateSandboxRequest;
import dev.gantry.sandbox.service.Sandbox;
import dev.gantry.sandbox.service.SandboxService;
import dev.gantry.testing.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Launch latencies of the process launcher, printed, not asserted (the machine decides them).
 * Run with {@code mvn -pl sandbox-manager verify -Pbenchmark}. Warm claim: a create served from the
 * warm pool, until it returns RUNNING. Cold create: a create with no pool, until the sandbox is RUNNING.
 */
@QuarkusTest
@TestProfile(SandboxLaunchBenchmark.Profile.class)
@WithTestResource(KafkaTestResource.class)
class SandboxLaunchBenchmark {

    static final int WARM_RUNS = 30;
    static final int COLD_RUNS = 15;
    static final Duration POLL = Duration.ofMillis(2);

    @Inject
    SandboxService sandboxes;
    @Inject
    WarmPool pool;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gantry.sandbox.templates.warm.warm-pool-size", "2");
        }
    }

    @Test
    void printLaunchLatencies() {
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < WARM_RUNS; i++) {
            await().atMost(Duration.ofSeconds(60)).until(() -> pool.readyCount("warm") > 0);
            UUID id = UUID.randomUUID();
            long start = System.nanoTime();
            Sandbox sandbox = sandboxes.create(new CreateSandboxRequest(id, "bench", null, "warm")).sandbox();
            warm.add(System.nanoTime() - start);
            assertThat(sandbox.status()).isEqualTo(SandboxStatus.RUNNING);
            sandboxes.delete(id);
        }
        List<Long> cold = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            UUID id = UUID.randomUUID();
            long start = System.nanoTime();
            sandboxes.create(new CreateSandboxRequest(id, "bench", null, "default"));
            while (sandboxes.find(id).orElseThrow().status() != SandboxStatus.RUNNING) {
                assertThat(sandboxes.find(id).orElseThrow().status()).isNotEqualTo(SandboxStatus.ERROR);
                LockSupport.parkNanos(POLL.toNanos());
            }
            cold.add(System.nanoTime() - start);
            sandboxes.delete(id);
        }
        System.out.printf("%nBENCHMARK process launcher, %d cores%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("BENCHMARK warm claim (%d runs):       p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n",
                WARM_RUNS, percentile(warm, 50), percentile(warm, 99), percentile(warm, 100));
        System.out.printf("BENCHMARK cold create to RUNNING (%d): p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n%n",
                COLD_RUNS, percentile(cold, 50), percentile(cold, 99), percentile(cold, 100));
    }

    private static double percentile(List<Long> nanos, int percent) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1_000_000.0;
    }
}
