package dev.gantry.sandbox.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryHeaders;
import dev.gantry.contracts.GantryJson;
import dev.gantry.sandbox.launcher.InstanceSpec;
import dev.gantry.sandbox.launcher.RuntimeEndpoint;
import dev.gantry.sandbox.launcher.SandboxClaim;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up figures of local sandboxes, printed, not asserted (the machine decides them): cold create to RUNNING
 * and to the first terminal command's answer, a warm-pool claim to the first command's answer, and the memory of
 * an idle runtime, for the runtime as the launcher starts it (the build's start-up archive, lean JVM options) and,
 * in the same run as the baseline, as a plain {@code java -jar} without the archive. Bubblewrap isolation is on;
 * {@code -Dbench.unisolated=true} adds the same figures without it, to show what it costs.
 * Run with {@code ./gantry bench sandboxes} ({@code -Dbench.runs=30}, {@code -Dbench.idle=10}).
 */
class SandboxStartBenchmark {

    static final int RUNS = Integer.getInteger("bench.runs", 30);
    static final int IDLE = Integer.getInteger("bench.idle", 10);
    static final boolean UNISOLATED = Boolean.getBoolean("bench.unisolated");
    /**
     * Other JVM options of the runtime (comma-separated, as {@code process.jvm-options}) measured in the same run
     * beside the defaults, to compare a change of them in one run of the machine; unset leaves the series out.
     */
    static final Optional<String> COMPARE_OPTIONS = Optional.ofNullable(System.getProperty("bench.compare-options"));
    /** Sandboxes asked for at once in the "together" series; 0 leaves it out. */
    static final int TOGETHER = Integer.getInteger("bench.together", 20);

    @TempDir
    Path base;

    /** HTTP/1.1 as the agent-worker's runtime client: an h2c upgrade would add its own first-use cost. */
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void printSandboxStartFigures() throws Exception {
        boolean bubblewrap = Files.isExecutable(Path.of("/usr/bin/bwrap"))
                && "root".equals(System.getProperty("user.name"));
        String isolation = bubblewrap ? "bubblewrap" : "none";
        List<String> report = new ArrayList<>();
        report.add(String.format("BENCHMARK local sandboxes, %d cores, %d runs each, isolation %s%s",
                Runtime.getRuntime().availableProcessors(), RUNS, isolation,
                bubblewrap ? "" : " (bubblewrap needs bwrap and a root manager here)"));
        report.addAll(variant("archive+lean", isolation, true, true));
        if (COMPARE_OPTIONS.isPresent()) {
            report.addAll(variant("archive+compared options", isolation, true, true, COMPARE_OPTIONS));
        }
        report.addAll(variant("plain java -jar", isolation, false, false));
        if (TOGETHER > 0) {
            int cores = Runtime.getRuntime().availableProcessors();
            report.add(together(isolation, Optional.empty(), "the default, the cores: " + cores));
            report.add(together(isolation, Optional.of(2 * cores), "twice the cores"));
            report.add(together(isolation, Optional.of(TOGETHER), "no limit below their number"));
        }
        if (UNISOLATED && bubblewrap) {
            report.addAll(variant("archive+lean, isolation none", "none", true, true));
        }
        System.out.println();
        report.forEach(System.out::println);
        System.out.println();
    }

    private List<String> variant(String name, String isolation, boolean archive, boolean leanOptions)
            throws Exception {
        return variant(name, isolation, archive, leanOptions, Optional.empty());
    }

    private List<String> variant(String name, String isolation, boolean archive, boolean leanOptions,
            Optional<String> jvmOptions) throws Exception {
        ProcessLauncher launcher = launcher(name.replaceAll("[^a-z]", ""), isolation, archive, leanOptions,
                Optional.empty(), jvmOptions);
        try {
            List<Long> running = new ArrayList<>();
            List<Long> firstCommand = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                SandboxClaim claim = claim();
                long start = System.nanoTime();
                RuntimeEndpoint endpoint = launcher.start(new InstanceSpec(claim.sandboxId().toString(),
                        ProcessLauncherRestartTest.TEMPLATE, Optional.of(claim)));
                running.add(System.nanoTime() - start);
                echo(endpoint);
                firstCommand.add(System.nanoTime() - start);
                launcher.remove(claim.sandboxId().toString());
            }
            List<Long> warm = warmClaims(launcher, Duration.ofMillis(300));
            List<Long> settled = warmClaims(launcher, Duration.ofSeconds(3));
            List<String> idle = new ArrayList<>();
            for (int i = 0; i < IDLE; i++) {
                String instance = UUID.randomUUID().toString();
                echo(launcher.start(new InstanceSpec(instance, ProcessLauncherRestartTest.TEMPLATE, Optional.empty())));
                idle.add(instance);
            }
            Thread.sleep(3000);
            String justStarted = memoryLine(name, "3 s", idle);
            Thread.sleep(12_000);
            String settledIdle = memoryLine(name, "15 s", idle);
            idle.forEach(launcher::remove);
            return List.of(
                    String.format("BENCHMARK [%s] cold create -> RUNNING:        p50 %6.0f ms  p99 %6.0f ms", name,
                            percentile(running, 50), percentile(running, 99)),
                    String.format("BENCHMARK [%s] cold create -> first command: p50 %6.0f ms  p99 %6.0f ms", name,
                            percentile(firstCommand, 50), percentile(firstCommand, 99)),
                    String.format("BENCHMARK [%s] warm claim 0.3 s after RUNNING -> first command: p50 %6.0f ms"
                            + "  p99 %6.0f ms", name, percentile(warm, 50), percentile(warm, 99)),
                    String.format("BENCHMARK [%s] warm claim 3 s after RUNNING -> first command:   p50 %6.0f ms"
                            + "  p99 %6.0f ms", name, percentile(settled, 50), percentile(settled, 99)),
                    justStarted, settledIdle);
        } finally {
            launcher.shutdown();
        }
    }

    /**
     * The mean memory of idle runtimes: RSS counts the start-up archive's pages in every process that maps them,
     * PSS shares them out between those processes, so it is PSS that says what many idle sandboxes hold together.
     */
    private String memoryLine(String name, String after, List<String> idle) {
        List<long[]> memory = idle.stream().map(this::memoryOf).toList();
        double rss = memory.stream().mapToLong(m -> m[0]).average().orElse(0) / 1024;
        double pss = memory.stream().mapToLong(m -> m[1]).average().orElse(0) / 1024;
        return String.format("BENCHMARK [%s] idle runtime (%d at once, %s after a command): RSS %.0f MB, PSS %.0f MB"
                + " (50 idle: %.1f GB by PSS)", name, idle.size(), after, rss, pss, pss * 50 / 1024);
    }

    /**
     * {@code bench.together} cold starts asked for at the same moment (a burst of new conversations), with at most
     * {@code limit} runtimes starting at once: each one's create -> first command, and when the last answered.
     */
    private String together(String isolation, Optional<Integer> limit, String label) throws Exception {
        ProcessLauncher launcher = launcher("together" + limit.map(String::valueOf).orElse("default"), isolation,
                true, true, limit, Optional.empty());
        try (var callers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            List<java.util.concurrent.Future<Long>> each = new ArrayList<>();
            for (int i = 0; i < TOGETHER; i++) {
                SandboxClaim claim = claim();
                each.add(callers.submit(() -> {
                    echo(launcher.start(new InstanceSpec(claim.sandboxId().toString(),
                            ProcessLauncherRestartTest.TEMPLATE, Optional.of(claim))));
                    return System.nanoTime() - start;
                }));
            }
            List<Long> took = new ArrayList<>();
            for (var one : each) {
                took.add(one.get());
            }
            return String.format("BENCHMARK [%d cold at once, concurrent-starts %s (%s)] create -> first command:"
                    + " p50 %6.0f ms  max %6.0f ms", TOGETHER, limit.map(String::valueOf).orElse("unset"), label,
                    percentile(took, 50), percentile(took, 100));
        } finally {
            launcher.shutdown();
        }
    }

    /**
     * Warm-pool claims: a sandbox started unclaimed, left idle for {@code idle} after it answered RUNNING (a pool
     * refilled in the background is usually older than that), then claimed and given its first command.
     */
    private List<Long> warmClaims(ProcessLauncher launcher, Duration idle) throws Exception {
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            String instance = UUID.randomUUID().toString();
            RuntimeEndpoint endpoint = launcher.start(new InstanceSpec(instance, ProcessLauncherRestartTest.TEMPLATE,
                    Optional.empty()));
            Thread.sleep(idle.toMillis());
            long start = System.nanoTime();
            assertThat(launcher.claim(instance, claim())).isTrue();
            echo(endpoint);
            warm.add(System.nanoTime() - start);
            launcher.remove(instance);
        }
        return warm;
    }

    /** The first terminal command: the shell starts for it. */
    private void echo(RuntimeEndpoint endpoint) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.baseUrl().resolve("/api/v1/terminal"))
                .header(GantryHeaders.SESSION_API_KEY, endpoint.sessionKey()).header("Content-Type", "application/json")
                // named by an action id, as the agent-worker sends every action: the runtime journals it
                .header(GantryHeaders.ACTION_ID, UUID.randomUUID().toString())
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString("{\"command\":\"echo ok\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = GantryJson.mapper().readTree(response.body());
        assertThat(answer.path("exitCode").asInt(-1)).as(response.body()).isZero();
    }

    /** RSS and PSS in kB of the instance's JVM (the java process under the bubblewrap wrapper, if any). */
    private long[] memoryOf(String instance) {
        try {
            long pid = Long.parseLong(Files.readString(base.resolve("sandboxes").resolve(instance)
                    .resolve("runtime.pid")).trim());
            ProcessHandle wrapper = ProcessHandle.of(pid).orElseThrow();
            ProcessHandle java = wrapper.info().command().filter(c -> c.endsWith("/java")).map(c -> wrapper)
                    .orElseGet(() -> wrapper.descendants().filter(p -> p.info().command()
                            .map(c -> c.endsWith("/java")).orElse(false)).findFirst().orElseThrow());
            long rss = 0;
            long pss = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(java.pid()), "smaps_rollup"))) {
                String[] fields = line.trim().split("\\s+");
                if (fields[0].equals("Rss:")) {
                    rss = Long.parseLong(fields[1]);
                } else if (fields[0].equals("Pss:")) {
                    pss = Long.parseLong(fields[1]);
                }
            }
            return new long[] {rss, pss};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ProcessLauncher launcher(String name, String isolation, boolean archive, boolean leanOptions)
            throws IOException {
        return launcher(name, isolation, archive, leanOptions, Optional.empty(), Optional.empty());
    }

    private ProcessLauncher launcher(String name, String isolation, boolean archive, boolean leanOptions,
            Optional<Integer> concurrentStarts, Optional<String> jvmOptions) throws IOException {
        Path dir = Files.createDirectories(base.resolve(name));
        Map<String, String> properties = new HashMap<>(Map.of(
                "gantry.sandbox.process.root", base.resolve("sandboxes").toString(),
                "gantry.sandbox.process.workspaces", dir.resolve("workspaces").toString(),
                "gantry.sandbox.process.isolation", isolation,
                "gantry.sandbox.process.class-data-sharing", Boolean.toString(archive),
                "gantry.sandbox.process.runtime-jar", System.getProperty("gantry.sandbox.process.runtime-jar"),
                "gantry.sandbox.start-timeout", "120s"));
        if (!leanOptions) {
            // the JVM's own defaults: what `java -jar quarkus-run.jar` gives
            properties.put("gantry.sandbox.process.jvm-options", "-Ddev.gantry.benchmark-baseline=true");
        }
        jvmOptions.ifPresent(options -> properties.put("gantry.sandbox.process.jvm-options", options));
        concurrentStarts.ifPresent(limit -> properties.put("gantry.sandbox.process.concurrent-starts",
                Integer.toString(limit)));
        return LauncherConfigs.launcher(LauncherConfigs.of(properties), r -> { });
    }

    private static SandboxClaim claim() {
        return new SandboxClaim(UUID.randomUUID(), "bench", UUID.randomUUID(), Instant.now());
    }

    private static double percentile(List<Long> nanos, int percent) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1_000_000.0;
    }
}
