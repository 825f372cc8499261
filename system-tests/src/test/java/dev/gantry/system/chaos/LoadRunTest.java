package dev.gantry.system.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.system.platform.CpuAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The load run: {@code gantry.load.conversations} replayed conversations at once, each replaced by a new one
 * as it ends, for {@code gantry.load.duration}, on the chaos platform (two agent-worker replicas); a third of
 * the way in one worker is stopped, two thirds in started again, so its partitions move away and back.
 * Every conversation is checked (finished, gap-free seq, no event twice, its stream saw every event once,
 * each step once) and counted an error otherwise. Prints steps/s, event latency (written -> seen on the
 * stream) p50/p99, the memory (RSS) and CPU time of each service. Past the platform's admission limit
 * ({@code gantry.conversations.admission.max-running}) a conversation is queued, and its wait counts in its time from
 * created to first observation. Figures, not a timed test:
 * {@code ./gantry test --load} ({@code -Pload}); the run is
 * {@code -Dgantry.load.conversations=200 -Dgantry.load.duration=PT10M}.
 */
@Tag("load")
class LoadRunTest {

    private static final int CONVERSATIONS = Integer.getInteger("gantry.load.conversations", 20);
    private static final Duration DURATION = Duration.parse(System.getProperty("gantry.load.duration", "PT1M"));
    private static final int STEPS = Integer.getInteger("gantry.load.steps", 10);
    /** Lanes start evenly over this time, as users arrive, rather than all in the first second. */
    private static final Duration RAMP_UP = Duration.parse(System.getProperty("gantry.load.ramp-up", "PT0S"));
    /**
     * How long a lane waits for its conversation to end, from its create: with more lanes than the platform runs at
     * once (admission), a conversation's wait in the queue counts in it.
     */
    private static final Duration CONVERSATION_TIMEOUT = Duration.parse(System.getProperty("gantry.load.conversation-timeout",
            "PT10M"));
    private static final Set<ExecutionStatus> ENDED = Set.of(ExecutionStatus.FINISHED, ExecutionStatus.ERROR,
            ExecutionStatus.STOPPED);
    /** How often a lane reads its conversation's status while its stream has not shown it ended. */
    private static final Duration STATUS_CHECK = Duration.ofSeconds(5);
    /** How long a lane waits after a conversation that failed before it starts the next. */
    private static final Duration AFTER_AN_ERROR = Duration.ofSeconds(5);

    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    /** Where each conversation's time went, in ms: its phases by the test's clock and its events' timestamps. */
    private final Map<String, ConcurrentLinkedQueue<Long>> phases = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final AtomicLong steps = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    /** Conversations whose create answered {@code queued}: admission held them until a place freed up. */
    private final AtomicLong queuedAtCreate = new AtomicLong();
    private final Map<String, Long> peakRss = new ConcurrentHashMap<>();
    /** Made once the platform runs: the run's CPU, not the platform's start. */
    private CpuAccount cpu;

    @Test
    void printsStepsPerSecondLatencyAndMemoryWithNoErrorWhileAWorkerLeavesAndComesBack() throws Exception {
        try (ChaosPlatform chaos = ChaosPlatform.start("load-home")) {
            cpu = new CpuAccount();
            sampleOnce(chaos);
            Instant start = Instant.now();
            Instant end = start.plus(DURATION);
            ExecutorService lanes = Executors.newVirtualThreadPerTaskExecutor();
            for (int lane = 0; lane < CONVERSATIONS; lane++) {
                long delay = RAMP_UP.toMillis() * lane / CONVERSATIONS;
                lanes.submit(() -> {
                    Thread.sleep(delay);
                    while (Instant.now().isBefore(end)) {
                        if (!runOne(chaos)) {
                            // as a user whose conversation failed: not another one the same second
                            Thread.sleep(AFTER_AN_ERROR.toMillis());
                        }
                    }
                    return null;
                });
            }
            Thread sampler = Thread.ofVirtual().start(() -> sampleMemory(chaos, end));
            Thread.sleep(DURATION.dividedBy(3).toMillis());
            long workerStopped = System.nanoTime();
            chaos.service("agent-worker-2").close();
            System.out.printf("[load] agent-worker-2 stopped after %s%n", Duration.between(start, Instant.now()));
            Thread.sleep(Math.max(0, DURATION.dividedBy(3).toMillis() - (System.nanoTime() - workerStopped) / 1_000_000));
            chaos.service("agent-worker-2").start().awaitReady(Duration.ofMinutes(3));
            System.out.printf("[load] agent-worker-2 started again after %s%n", Duration.between(start, Instant.now()));
            lanes.shutdown();
            assertThat(lanes.awaitTermination(DURATION.plus(CONVERSATION_TIMEOUT).plusMinutes(2).toMillis(),
                    TimeUnit.MILLISECONDS)).as("every lane ended").isTrue();
            sampler.join();
            sampleOnce(chaos);
            report(Duration.between(start, Instant.now()));
        }
        assertThat(errors).as("errors").isEmpty();
    }

    /** Runs one conversation through and checks it; answers whether it passed (else it is counted an error). */
    private boolean runOne(ChaosPlatform chaos) {
        ChaosConversation conversation = null;
        long began = System.currentTimeMillis();
        try {
            conversation = ChaosConversation.start(chaos.platform(), null, STEPS, 0);
            long created = System.currentTimeMillis();
            if ("queued".equals(conversation.createdStatus())) {
                queuedAtCreate.incrementAndGet();
            }
            // as a UI follows a conversation: its stream says when it ended, and a read confirms it (each second
            // until conversation-service has seen the end too); a read every STATUS_CHECK besides, in case the
            // stream is behind
            Instant deadline = Instant.now().plus(CONVERSATION_TIMEOUT);
            String status = conversation.status();
            boolean streamSawTheEnd = false;
            while (!List.of("finished", "error", "stopped").contains(status) && Instant.now().isBefore(deadline)) {
                if (streamSawTheEnd) {
                    Thread.sleep(1000);
                } else {
                    streamSawTheEnd = conversation.stream().awaitStatus(ENDED, STATUS_CHECK);
                }
                status = conversation.status();
            }
            long ended = System.currentTimeMillis();
            List<ConversationEvent> log = conversation.events();
            Instant caughtUp = Instant.now().plusSeconds(30);
            while (conversation.stream().received().size() < log.size() && Instant.now().isBefore(caughtUp)) {
                Thread.sleep(200);
            }
            String problem = check(conversation, status, log);
            if (problem != null) {
                errors.add(conversation.id() + ": " + problem);
                return false;
            }
            long firstObservation = log.stream().filter(e -> e.payload() instanceof ObservationEvent)
                    .mapToLong(e -> e.timestamp().toEpochMilli()).min().orElse(created);
            long lastEvent = log.get(log.size() - 1).timestamp().toEpochMilli();
            phase("1 set-up and create (the user, settings, POST)", created - began);
            phase("2 created -> first observation (queue, sandbox, first step)", firstObservation - created);
            phase("3 first observation -> last event", lastEvent - firstObservation);
            phase("4 last event -> seen finished (stream, then a read)", ended - lastEvent);
            phase("5 seen finished -> its stream had every event", System.currentTimeMillis() - ended);
            for (ResumingEventStream.Received received : conversation.stream().received()) {
                latencies.add(received.arrivedAtMillis() - received.event().timestamp().toEpochMilli());
            }
            steps.addAndGet(log.stream().filter(e -> e.payload() instanceof ObservationEvent).count());
            finished.incrementAndGet();
            conversation.close();
            conversation.delete();
            return true;
        } catch (Exception | AssertionError e) {
            errors.add((conversation == null ? "starting a conversation" : conversation.id()) + ": "
                    + e.toString().replaceAll("\\s+", " "));
            return false;
        }
    }

    private void phase(String name, long millis) {
        phases.computeIfAbsent(name, n -> new ConcurrentLinkedQueue<>()).add(millis);
    }

    private static String check(ChaosConversation conversation, String status, List<ConversationEvent> log) {
        if (!"finished".equals(status)) {
            return "ended " + status;
        }
        List<Long> seqs = log.stream().map(ConversationEvent::seq).toList();
        if (!seqs.equals(LongStream.rangeClosed(1, log.size()).boxed().toList())) {
            return "seq not 1..n: " + seqs;
        }
        if (log.stream().map(ConversationEvent::id).distinct().count() != log.size()) {
            return "an event id twice";
        }
        if (!conversation.stream().received().stream().map(r -> r.event().seq()).toList().equals(seqs)) {
            return "the stream did not see each event once";
        }
        long actions = log.stream().filter(e -> e.payload() instanceof ActionEvent).count();
        if (actions != STEPS + 1) {
            return actions + " actions for " + STEPS + " steps and finish";
        }
        List<String> ran = conversation.stepLog();
        if (ran.size() != STEPS || ran.stream().distinct().count() != STEPS) {
            return "the steps ran as " + ran;
        }
        return null;
    }

    private void sampleMemory(ChaosPlatform chaos, Instant end) {
        while (Instant.now().isBefore(end)) {
            sampleOnce(chaos);
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Each service's RSS (kept at its peak) and CPU time so far. */
    private void sampleOnce(ChaosPlatform chaos) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String name : chaos.platform().serviceNames()) {
            if (chaos.service(name).isAlive()) {
                pids.put(name, chaos.service(name).pid());
            }
        }
        pids.put("kafka", chaos.kafka().pid());
        pids.forEach((name, pid) -> peakRss.merge(name, rssKb(pid), Math::max));
        cpu.sample(pids);
    }

    private static long rssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).mapToLong(line -> Long.parseLong(
                            line.replaceAll("[^0-9]", ""))).findFirst().orElse(0);
        } catch (IOException gone) {
            return 0;
        }
    }

    private void report(Duration ran) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%nLoad run: %d concurrent replayed conversations of %d steps for %s (lanes started over %s;"
                + " ran %s), two workers, one stopped and started again%n", CONVERSATIONS, STEPS, DURATION, RAMP_UP, ran);
        System.out.printf("%-44s %10d%n", "conversations finished and checked", finished.get());
        System.out.printf("%-44s %10d%n", "errors", errors.size());
        System.out.printf("%-44s %10d%n", "creates answered queued (admission)", queuedAtCreate.get());
        System.out.printf("%-44s %10d%n", "calls answered 502/503/504, tried again", ChaosConversation.triedAgain());
        System.out.printf("%-44s %10.1f%n", "steps/s", steps.get() / (ran.toMillis() / 1000.0));
        System.out.printf("%-44s %10d%n", "event latency written -> seen on stream p50 ms", percentile(sorted, 50));
        System.out.printf("%-44s %10d%n", "event latency written -> seen on stream p99 ms", percentile(sorted, 99));
        phases.forEach((name, values) -> {
            List<Long> phase = new ArrayList<>(values);
            Collections.sort(phase);
            System.out.printf("%-60s p50 %6d  p99 %6d ms%n", name, percentile(phase, 50), percentile(phase, 99));
        });
        peakRss.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                System.out.printf("%-44s %10d%n", "peak RSS MB: " + entry.getKey(), entry.getValue() / 1024));
        cpu.seconds().forEach((name, seconds) ->
                System.out.printf("%-44s %10.1f%n", "CPU s: " + name, seconds));
        errors.stream().limit(20).forEach(error -> System.out.println("error: " + error));
        System.out.println();
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.isEmpty() ? -1
                : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
