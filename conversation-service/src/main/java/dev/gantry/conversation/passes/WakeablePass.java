package dev.gantry.conversation.passes;

import io.quarkus.logging.Log;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A pass over the database that a {@link #wakeUp() wake-up} runs now rather than at its next scheduled time, one at a
 * time within this process: a wake-up during a pass is not lost but runs another pass right after it, so work
 * committed while a pass is under way never waits for the next period. Each pass runs on a Vert.x context of its own,
 * where Hibernate Reactive keeps its session. A pass answers whether more is left (a full batch), which runs another.
 */
public final class WakeablePass {

    private final String name;
    private final Vertx vertx;
    private final Supplier<Uni<Boolean>> pass;
    /** A pass of this process is under way. */
    private final AtomicBoolean running = new AtomicBoolean();
    /** A pass was asked for since the running one began. */
    private final AtomicBoolean requested = new AtomicBoolean();

    public WakeablePass(String name, Vertx vertx, Supplier<Uni<Boolean>> pass) {
        this.name = name;
        this.vertx = vertx;
        this.pass = pass;
    }

    /** Has a pass run now when none of this process is under way, else right after the one that is. */
    public void wakeUp() {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            // a context of its own, marked safe: Hibernate Reactive keeps the pass's session on it
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> run());
        }
    }

    private void run() {
        requested.set(false);
        // a failure to even begin the pass ends it too, or no wake-up would start another
        Uni.createFrom().deferred(() -> pass.get())
                .onFailure().invoke(failure -> Log.warnf("%s pass failed: %s", name, failure.toString()))
                .subscribe().with(this::ended, failure -> ended(false));
    }

    private void ended(boolean more) {
        running.set(false);
        if (more || requested.get()) {
            wakeUp();
        }
    }
}
