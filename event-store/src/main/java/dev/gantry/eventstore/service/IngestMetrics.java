package dev.gantry.eventstore.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/** The ingest path's counters, as Micrometer meters (exported on /q/metrics). */
@ApplicationScoped
public class IngestMetrics {

    private final Counter stored;
    private final Counter duplicates;
    private final Counter gaps;
    private final Counter missing;
    private final Counter unreadable;
    private final DistributionSummary batchSize;
    private final Timer batchTime;

    public IngestMetrics(MeterRegistry registry) {
        stored = Counter.builder("gantry.events.stored").description("Events added to the log").register(registry);
        duplicates = Counter.builder("gantry.events.duplicates")
                .description("Redelivered events that were already stored").register(registry);
        gaps = Counter.builder("gantry.events.seq.gaps")
                .description("Times a stored event left a hole in its conversation's seq").register(registry);
        missing = Counter.builder("gantry.events.seq.missing")
                .description("Events missing in the holes of seq when they were found").register(registry);
        unreadable = Counter.builder("gantry.events.unreadable")
                .description("Records of the events topic that are not a valid event").register(registry);
        batchSize = DistributionSummary.builder("gantry.events.batch.size")
                .description("Events per batch taken from the topic").register(registry);
        batchTime = Timer.builder("gantry.events.batch.duration")
                .description("Time to store one batch").register(registry);
    }

    void recorded(IngestResult result) {
        stored.increment(result.stored().size());
        duplicates.increment(result.duplicates());
        gaps.increment(result.gaps().size());
        result.gaps().forEach(gap -> missing.increment(gap.missing()));
    }

    void batchDone(int events, long nanos) {
        batchSize.record(events);
        batchTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void unreadable(int records) {
        unreadable.increment(records);
    }
}
