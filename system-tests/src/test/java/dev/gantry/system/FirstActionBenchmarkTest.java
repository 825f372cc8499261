package dev.gantry.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.http.IdempotencyKey;
import dev.gantry.system.platform.CpuAccount;
import dev.gantry.system.platform.EventStreamRecorder;
import dev.gantry.system.platform.Platform;
import dev.gantry.system.platform.Tokens;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Time to first action through the public API: a replayed conversation created with one {@code echo}, from the
 * create request to its observation on the gateway's SSE stream, over {@value #RUNS} conversations with no warm
 * pool (cold: the sandbox starts for the conversation) and with a warm pool of two; then twenty replayed
 * conversations of {@value #STEPS} short steps started at once, their total time and each one's. With each median
 * the parts it is made of, from the events' own timestamps: create → the agent's first event, → the action, → the
 * observation written, → its arrival on the stream. Figures, not checks:
 * {@code mvn -B -pl system-tests verify -Pbenchmark -Dtest=FirstActionBenchmarkTest}.
 */
@Tag("benchmark")
class FirstActionBenchmarkTest {

    private static final int RUNS = Integer.getInteger("gantry.benchmark.first-action.runs", 20);
    private static final int CONCURRENT = Integer.getInteger("gantry.benchmark.first-action.concurrent", 20);
    private static final int STEPS = 10;
    private static final String POOL_SIZE = "GANTRY_SANDBOX_TEMPLATES_DEFAULT_WARM_POOL_SIZE";
    /** Time for the pool to start its replacement after a claim, so each warm run claims a warm sandbox. */
    private static final Duration POOL_REFILL = Duration.ofSeconds(Long.getLong("gantry.benchmark.first-action.refill", 5));
    private static final Set<Integer> RETRIED = Set.of(502, 503, 504);
    private static final AtomicInteger CREATES_RETRIED = new AtomicInteger();
    private static final Set<ExecutionStatus> ENDED = Set.of(ExecutionStatus.FINISHED, ExecutionStatus.ERROR,
            ExecutionStatus.STUCK);

    /** One conversation's times, in ms from the create request. */
    private record Sample(double firstEvent, double action, double observationWritten, double observationStreamed,
            double finished) {
    }

    @Test
    void printsTimeToFirstActionColdAndWarmAndTwentyConversationsAtOnce() throws Exception {
        Platform platform = Platform.get();
        PublicApi api = replayUser();

        platform.restartWith("sandbox-manager", Map.of(POOL_SIZE, "0"));
        run(api, trajectory(1, "first"), Duration.ZERO); // not counted: the services' first conversation
        List<Sample> cold = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            cold.add(run(api, trajectory(1, "cold-" + i), Duration.ZERO));
        }
        // each table as soon as it is measured: a later phase that fails leaves the earlier figures printed
        System.out.printf("%nTime to first action (create -> observation of one replayed echo on the SSE stream), %d runs%n",
                RUNS);
        System.out.printf("%-44s %10s %10s%n", "", "p50 ms", "p90 ms");
        table("cold (no warm pool)", cold);

        platform.restartWith("sandbox-manager", Map.of(POOL_SIZE, "2"));
        Thread.sleep(POOL_REFILL.multipliedBy(2).toMillis());
        List<Sample> warm = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            warm.add(run(api, trajectory(1, "warm-" + i), POOL_REFILL));
        }
        table("warm pool of 2", warm);

        Thread.sleep(POOL_REFILL.toMillis());
        CpuAccount cpu = new CpuAccount();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> cpu.sample(servicePids(platform)), 0, 1, TimeUnit.SECONDS);
        long started = System.nanoTime();
        List<Sample> together = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Sample>> runs = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                String name = "together-" + i;
                runs.add(pool.submit(() -> run(api, trajectory(STEPS, name), Duration.ZERO)));
            }
            for (Future<Sample> run : runs) {
                together.add(run.get());
            }
        }
        double total = (System.nanoTime() - started) / 1e6;
        sampler.shutdown();
        sampler.awaitTermination(10, TimeUnit.SECONDS);
        cpu.sample(servicePids(platform));
        System.out.printf("%n%d replayed conversations of %d steps started at once (warm pool of 2)%n", CONCURRENT, STEPS);
        System.out.printf("%-44s %10.0f%n", "all finished after (ms)", total);
        table("each", together);
        System.out.printf("%-44s %s%n", "each one's finish (ms, sorted)", together.stream()
                .map(Sample::finished).sorted().map(ms -> String.format("%.0f", ms)).toList());
        System.out.printf("%-44s %d%n", "creates tried again (502/503/504), all runs", CREATES_RETRIED.get());
        System.out.printf("where the machine's CPU went while they ran (CPU s):%n");
        cpu.seconds().forEach((name, seconds) -> System.out.printf("  %-42s %10.1f%n", name, seconds));
        assertThat(together).hasSize(CONCURRENT);
    }

    /** The platform's services by name, with their processes' ids. */
    private static Map<String, Long> servicePids(Platform platform) {
        Map<String, Long> pids = new LinkedHashMap<>();
        platform.serviceNames().stream().filter(name -> platform.service(name).isAlive())
                .forEach(name -> pids.put(name, platform.service(name).pid()));
        return pids;
    }

    private static void table(String name, List<Sample> samples) {
        row(name + ": observation on the stream", samples, Sample::observationStreamed);
        row("  create -> agent's first event", samples, Sample::firstEvent);
        row("  create -> first action", samples, Sample::action);
        row("  create -> observation written", samples, Sample::observationWritten);
        row("  create -> finished", samples, Sample::finished);
    }

    private static void row(String name, List<Sample> samples, Function<Sample, Double> part) {
        List<Double> values = samples.stream().map(part).toList();
        System.out.printf("%-44s %10.0f %10.0f%n", name, percentile(values, 50), percentile(values, 90));
    }

    /** A user whose conversations replay their first message, as {@code gantry run --replay} sets them. */
    private static PublicApi replayUser() {
        String name = "first-action-" + UUID.randomUUID().toString().substring(0, 8);
        PublicApi api = new PublicApi(new Tokens(Platform.get().home()).forUser(name));
        // a busy machine may time the first request out (503): it is asked again
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).until(() -> api.request()
                .body(Map.of("model", "gantry/replay", "maxIterations", 100)).post("/api/v1/settings").statusCode() == 200);
        return api;
    }

    /** {@code steps} echo commands, each a different one (the stuck detector rightly stops a loop). */
    private static String trajectory(int steps, String name) {
        ArrayNode calls = GantryJson.mapper().createArrayNode();
        for (int step = 0; step < steps; step++) {
            ObjectNode call = calls.addObject().put("tool", "terminal");
            call.putObject("arguments").put("command", "echo " + name + " step " + step);
        }
        return calls.toString();
    }

    /** Creates a conversation that replays the trajectory, follows it to its end, and deletes it. */
    private static Sample run(PublicApi api, String trajectory, Duration pauseBefore) throws Exception {
        Thread.sleep(pauseBefore.toMillis());
        Instant createdAt = Instant.now();
        long start = System.nanoTime();
        String id = created(api, trajectory);
        try (EventStreamRecorder live = new EventStreamRecorder(Platform.get().gateway(), id, api.token())) {
            // the figures come from the recorder's own arrival times: polling only decides when to stop watching,
            // and a quicker poll would take CPU from the platform being measured (20 clients at once)
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250))
                    .until(() -> ended(live.events()).isPresent());
            List<ConversationEvent> events = live.events();
            List<Long> arrivals = live.arrivals();
            int observation = indexOf(events, e -> e.payload() instanceof ObservationEvent);
            assertThat(observation).as("an observation among %s", events).isNotNegative();
            int action = indexOf(events, e -> e.payload() instanceof ActionEvent);
            Sample sample = new Sample(
                    since(createdAt, events.getFirst().timestamp()),
                    since(createdAt, events.get(action).timestamp()),
                    since(createdAt, events.get(observation).timestamp()),
                    (arrivals.get(observation) - start) / 1e6,
                    (arrivals.get(events.indexOf(ended(events).orElseThrow())) - start) / 1e6);
            assertThat(((ConversationStateUpdateEvent) ended(events).orElseThrow().payload()).status())
                    .as("the replay ran to its end").isEqualTo(ExecutionStatus.FINISHED);
            return sample;
        } finally {
            // its sandbox goes with it, which the next runs need room for; a busy gateway may answer 503 first
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    Set.of(204, 404).contains(api.request().delete("/api/v1/conversations/" + id).statusCode()));
        }
    }

    /**
     * The new conversation's id. Every try of the one create carries the same {@code Idempotency-Key}, so a create
     * the busy gateway timed out on (502/503/504) but that was made is answered with its conversation, not made a
     * second time; each such retry is counted and printed with the figures.
     */
    private static String created(PublicApi api, String trajectory) throws InterruptedException {
        String key = UUID.randomUUID().toString();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (true) {
            Response response = api.request().header(IdempotencyKey.HEADER, key)
                    .body(Map.of("title", "first action", "initialMessage", trajectory)).post("/api/v1/conversations");
            if (!RETRIED.contains(response.statusCode()) || Instant.now().isAfter(deadline)) {
                return response.then().statusCode(201).extract().path("id");
            }
            CREATES_RETRIED.incrementAndGet();
            Thread.sleep(500);
        }
    }

    private static Optional<ConversationEvent> ended(List<ConversationEvent> events) {
        return events.stream().filter(e -> e.payload() instanceof ConversationStateUpdateEvent update
                && update.status() != null && ENDED.contains(update.status())).findFirst();
    }

    private static int indexOf(List<ConversationEvent> events, java.util.function.Predicate<ConversationEvent> test) {
        for (int i = 0; i < events.size(); i++) {
            if (test.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static double since(Instant start, Instant then) {
        return Duration.between(start, then).toNanos() / 1e6;
    }

    private static double percentile(List<Double> samples, int percent) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
