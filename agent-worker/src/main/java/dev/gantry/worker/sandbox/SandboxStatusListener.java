package dev.gantry.worker.sandbox;

import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.sandbox.SandboxStatusChanged;
import dev.gantry.contracts.sandbox.SandboxStatusEvent;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows {@code gantry.sandbox-status}. Every worker reads all of it in a group of its own, from the
 * start of the compacted topic, so it knows the current status of a sandbox it is about to use.
 */
@ApplicationScoped
class SandboxStatusListener {

    private final SandboxStatusRegistry registry;

    SandboxStatusListener(SandboxStatusRegistry registry) {
        this.registry = registry;
    }

    @Incoming("sandbox-status")
    void onStatus(String json) {
        SandboxStatusEvent event;
        try {
            event = GantryJson.mapper().readValue(json, SandboxStatusEvent.class);
        } catch (IOException | IllegalArgumentException e) {
            Log.warnf("skipping an unreadable record of %s: %s", Topics.SANDBOX_STATUS, e.getMessage());
            return;
        }
        switch (event) {
            case SandboxStatusChanged change -> registry.update(change);
        }
    }
}
