package dev.gantry.sandbox.launcher;

import dev.gantry.sandbox.service.SandboxTemplate;
import java.util.Optional;

/**
 * What to start.
 *
 * @param claim the sandbox the instance serves; empty for a warm-pool instance
 */
public record InstanceSpec(String instanceId, SandboxTemplate template, Optional<SandboxClaim> claim) {
}
