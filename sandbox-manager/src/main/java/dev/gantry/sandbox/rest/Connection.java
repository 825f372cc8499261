package dev.gantry.sandbox.rest;

/** How an internal caller reaches a sandbox's runtime. Only ever sent to the agent-worker, never to a user. */
public record Connection(String runtimeUrl, String sessionApiKey) {

    @Override
    public String toString() {
        return "Connection[" + runtimeUrl + "]";
    }
}
