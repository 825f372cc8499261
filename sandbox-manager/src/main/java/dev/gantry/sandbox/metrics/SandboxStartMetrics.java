package dev.gantry.sandbox.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * {@code gantry.sandbox.start{template, outcome}}: how long the launcher took to bring a sandbox's runtime up (a pod
 * scheduled and ready, or a local process answering), per template, for the starts that worked and those that failed.
 */
@ApplicationScoped
public class SandboxStartMetrics {

    private final MeterRegistry registry;

    SandboxStartMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void started(String template, Duration took) {
        timer(template, "started").record(took);
    }

    public void failed(String template, Duration took) {
        timer(template, "failed").record(took);
    }

    private Timer timer(String template, String outcome) {
        // Micrometer keeps one timer per name and tags: registering again returns it
        return Timer.builder("gantry.sandbox.start")
                .description("Time to start a sandbox's runtime, until it answers")
                .tag("template", template)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }
}
