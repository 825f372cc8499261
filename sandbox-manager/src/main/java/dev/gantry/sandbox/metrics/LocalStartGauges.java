package dev.gantry.sandbox.metrics;

import dev.gantry.sandbox.config.SandboxConfig;
import dev.gantry.sandbox.launcher.process.ProcessLauncher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * {@code gantry.sandbox.starts{state=starting|waiting}}: local runtimes launched and not answering yet, and starts
 * waiting for their turn ({@code gantry.sandbox.process.concurrent-starts}); only with the process launcher.
 */
@Startup
@ApplicationScoped
public class LocalStartGauges {

    LocalStartGauges(SandboxConfig config, Instance<ProcessLauncher> launcher, MeterRegistry registry) {
        if (config.launcher() != SandboxConfig.Launcher.PROCESS) {
            return;
        }
        ProcessLauncher process = launcher.get();
        Gauge.builder("gantry.sandbox.starts", process, ProcessLauncher::startsInProgress)
                .description("Local sandbox runtimes starting (launched, not answering yet)")
                .tag("state", "starting").register(registry);
        Gauge.builder("gantry.sandbox.starts", process, ProcessLauncher::startsWaiting)
                .description("Local sandbox starts waiting for their turn")
                .tag("state", "waiting").register(registry);
    }
}
