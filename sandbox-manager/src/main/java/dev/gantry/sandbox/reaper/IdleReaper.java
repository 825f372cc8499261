package dev.gantry.sandbox.reaper;

import dev.gantry.sandbox.service.SandboxService;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/** Pauses idle sandboxes and deletes expired ones, on a schedule, by the injected clock. */
@Singleton
public class IdleReaper {

    private final SandboxService sandboxes;
    private final Clock clock;

    IdleReaper(SandboxService sandboxes, Clock clock) {
        this.sandboxes = sandboxes;
        this.clock = clock;
    }

    @Scheduled(every = "${gantry.sandbox.reaper.interval}", delayed = "${gantry.sandbox.reaper.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        reap().join();
    }

    /** One pass at the clock's current time; completes when its pauses and deletes are done. */
    public CompletableFuture<Void> reap() {
        return sandboxes.reap(clock.instant());
    }
}
