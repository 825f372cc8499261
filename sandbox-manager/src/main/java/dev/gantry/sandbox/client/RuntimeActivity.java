package dev.gantry.sandbox.client;

/**
 * What a runtime says of its own use ({@code GET /api/v1/activity}): the worker calls the runtime
 * directly, so only the runtime knows when its sandbox was last used.
 *
 * @param idleMillis how long ago it was last called (0 while busy), by the runtime's clock
 * @param busy       a command is running in its terminal
 */
public record RuntimeActivity(long idleMillis, boolean busy) {
}
