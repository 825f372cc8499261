package dev.gantry.conversation.admission;

import dev.gantry.conversation.outbox.OutboxRelay;
import dev.gantry.conversation.outbox.OutboxRepository;
import dev.gantry.conversation.passes.WakeablePass;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Lets queued conversations run as places free up: woken when the projection sees a conversation stop running, and
 * every {@code gantry.conversations.admission.pass-interval} besides. Under admission's lock, it chooses by
 * {@link AdmissionPlan}, sets the chosen running and releases the commands held for them, in one transaction; then
 * the outbox relay sends those commands in the order they were written.
 */
@ApplicationScoped
public class AdmissionPass {

    /** Queued conversations looked at per pass; a pass that admitted all it read runs another. */
    private static final int BATCH = 500;

    private final Admission admission;
    private final OutboxRepository outbox;
    private final OutboxRelay relay;
    private final WakeablePass passes;

    AdmissionPass(Admission admission, OutboxRepository outbox, OutboxRelay relay, Vertx vertx) {
        this.admission = admission;
        this.outbox = outbox;
        this.relay = relay;
        this.passes = new WakeablePass("admission", vertx, this::pass);
    }

    /** Returns a Uni so that the scheduler calls it on an event loop. */
    @Scheduled(every = "${gantry.conversations.admission.pass-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodicPass() {
        wakeUp();
        return Uni.createFrom().voidItem();
    }

    /** Has a pass run now (or right after the one under way): a place may have freed up. */
    public void wakeUp() {
        passes.wakeUp();
    }

    /** One pass; answers true when it admitted a full batch, so more may be admissible. */
    Uni<Boolean> pass() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> admission.anyQueued()
                .flatMap(any -> any ? admission.lock().flatMap(locked -> admission.queued(BATCH))
                        : Uni.createFrom().item(List.<AdmissionPlan.Queued>of()))
                .flatMap(queued -> queued.isEmpty() ? Uni.createFrom().item(List.<UUID>of())
                        : admission.runningByOwner(now).map(running -> AdmissionPlan.choose(queued, running,
                                admission.maxRunning(), admission.config().maxRunningPerUser())))
                .flatMap(chosen -> chosen.isEmpty() ? Uni.createFrom().item(chosen)
                        : admission.admit(chosen, now).flatMap(admitted -> outbox.release(chosen).map(released -> {
                            Log.infof("admitted %d queued conversations; %d commands released", admitted, released);
                            return chosen;
                        }))))
                .invoke(chosen -> {
                    if (!chosen.isEmpty()) {
                        relay.wakeUp();
                    }
                })
                .map(chosen -> chosen.size() == BATCH);
    }
}
