package dev.gantry.sandbox.launcher;

/** A CDI event: a runtime that was up stopped without being asked to (process exit, pod failure). */
public record InstanceFailed(String instanceId, String reason) {
}
