package dev.gantry.conversation.metrics;

import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.conversation.repository.ConversationRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code gantry.conversations{status}}: how many conversations are in each status, counted from the database
 * every {@code gantry.conversations.status-metrics-refresh}. A gauge per status from the start, so a dashboard
 * sees zeros rather than missing series; every replica reports the same totals (aggregate with max, not sum).
 * Made at start, so the series are on the first scrape, before the scheduler's first count.
 */
@Startup
@ApplicationScoped
public class ConversationStatusGauges {

    private final ConversationRepository conversations;
    private final Map<ExecutionStatus, AtomicLong> counts = new EnumMap<>(ExecutionStatus.class);

    ConversationStatusGauges(ConversationRepository conversations, MeterRegistry registry) {
        this.conversations = conversations;
        for (ExecutionStatus status : ExecutionStatus.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder("gantry.conversations", count, AtomicLong::get)
                    .description("Conversations in each status, as last counted in the database")
                    .tag("status", status.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    @Scheduled(every = "${gantry.conversations.status-metrics-refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return Panache.withSession(conversations::countByStatus)
                .invoke(latest -> counts.forEach((status, count) -> count.set(latest.getOrDefault(status, 0L))))
                .onFailure().invoke(failure -> Log.warnf("counting conversations by status failed: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
