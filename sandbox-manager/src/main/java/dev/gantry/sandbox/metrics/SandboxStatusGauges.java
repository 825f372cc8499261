package dev.gantry.sandbox.metrics;

import dev.gantry.contracts.sandbox.SandboxStatus;
import dev.gantry.sandbox.service.SandboxService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * {@code gantry.sandboxes{status}}: the sandboxes this manager holds in each status, read from its own table at
 * each scrape (deleted ones are not held, so that series stays at 0).
 */
@Startup
@ApplicationScoped
public class SandboxStatusGauges {

    SandboxStatusGauges(SandboxService sandboxes, MeterRegistry registry) {
        for (SandboxStatus status : SandboxStatus.values()) {
            Gauge.builder("gantry.sandboxes", sandboxes, service -> service.list(s -> s.status() == status).size())
                    .description("Sandboxes in each status")
                    .tag("status", status.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }
}
