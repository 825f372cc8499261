package dev.gantry.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.gateway.api.Page;
import dev.gantry.gateway.api.Sandbox;
import dev.gantry.gateway.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import dev.gantry.gateway.mapping.RequestProblemException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** sandbox-manager, called as the given {@link Caller}; it answers 404 for another user's sandbox. */
@ApplicationScoped
@Downstream("sandbox-manager")
@Timeout(CallPolicy.TIMEOUT_MILLIS)
@CircuitBreaker(requestVolumeThreshold = CallPolicy.BREAKER_VOLUME, failureRatio = CallPolicy.BREAKER_FAILURE_RATIO,
        delay = CallPolicy.BREAKER_DELAY_MILLIS, successThreshold = CallPolicy.BREAKER_SUCCESSES_TO_CLOSE,
        skipOn = {RequestProblemException.class, TimeoutException.class})
public class SandboxManager {

    private final SandboxManagerApi api;

    SandboxManager(@RestClient SandboxManagerApi api) {
        this.api = api;
    }

    @Retry(maxRetries = CallPolicy.MAX_RETRIES, delay = CallPolicy.RETRY_DELAY_MILLIS,
            jitter = CallPolicy.RETRY_JITTER_MILLIS, abortOn = {RequestProblemException.class, TimeoutException.class})
    public Uni<Page<Sandbox>> list(Caller caller) {
        return api.list(caller.user(), caller.userId());
    }

    public Uni<Sandbox> pause(Caller caller, String id) {
        return api.pause(caller.user(), id);
    }

    public Uni<Sandbox> resume(Caller caller, String id) {
        return api.resume(caller.user(), id);
    }

    public Uni<Void> delete(Caller caller, String id) {
        return api.delete(caller.user(), id);
    }

    @Retry(maxRetries = CallPolicy.MAX_RETRIES, delay = CallPolicy.RETRY_DELAY_MILLIS,
            jitter = CallPolicy.RETRY_JITTER_MILLIS, abortOn = {RequestProblemException.class, TimeoutException.class})
    public Uni<byte[]> readFile(Caller caller, String sandboxId, String path) {
        return api.readFile(caller.user(), sandboxId, path);
    }

    @Retry(maxRetries = CallPolicy.MAX_RETRIES, delay = CallPolicy.RETRY_DELAY_MILLIS,
            jitter = CallPolicy.RETRY_JITTER_MILLIS, abortOn = {RequestProblemException.class, TimeoutException.class})
    public Uni<JsonNode> listFiles(Caller caller, String sandboxId, String path) {
        return api.listFiles(caller.user(), sandboxId, path);
    }

    @Retry(maxRetries = CallPolicy.MAX_RETRIES, delay = CallPolicy.RETRY_DELAY_MILLIS,
            jitter = CallPolicy.RETRY_JITTER_MILLIS, abortOn = {RequestProblemException.class, TimeoutException.class})
    public Uni<Void> writeFile(Caller caller, String sandboxId, String path, byte[] content) {
        return api.writeFile(caller.user(), sandboxId, path, content);
    }
}
