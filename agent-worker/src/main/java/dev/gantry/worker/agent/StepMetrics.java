package dev.gantry.worker.agent;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where an agent step's time goes besides the LLM: the tool calls, and the commits that make the step's
 * events part of the log (each waits for a Kafka transaction).
 */
@Singleton
public class StepMetrics {

    private final MeterRegistry registry;
    private final Timer eventWrites;
    /** One timer per tool name, built on its first call rather than looked up in the registry on every one. */
    private final Map<String, Timer> toolCalls = new ConcurrentHashMap<>();

    StepMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.eventWrites = Timer.builder("gantry.worker.event.writes")
                .description("Appending events to a conversation's log, until their transaction is committed")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void toolCall(String tool, Duration took) {
        toolCalls.computeIfAbsent(tool, name -> Timer.builder("gantry.worker.tool.calls")
                .description("Tool calls, from the start of the call to its result")
                .tag("tool", name)
                .publishPercentiles(0.5, 0.99)
                .register(registry)).record(took);
    }

    void eventWrite(Duration took) {
        eventWrites.record(took);
    }
}
