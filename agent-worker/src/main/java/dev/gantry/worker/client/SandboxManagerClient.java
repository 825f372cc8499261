package dev.gantry.worker.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Asks the sandbox-manager how to reach a running sandbox. */
@ApplicationScoped
public class SandboxManagerClient {

    private final SandboxManagerApi api;

    SandboxManagerClient(@RestClient SandboxManagerApi api) {
        this.api = api;
    }

    @Retry(maxRetries = 5, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public SandboxManagerApi.Connection connection(UUID sandboxId) {
        return api.connection(sandboxId);
    }
}
