package dev.gantry.sandbox.rest;

/** How an internal caller reaches a sandbox's runtime. Only ever sent to callers holding the internal token. */
public record Connection(String runtimeUrl, String sessionApiKey) {

    @Override
    public String toString() {
        return "Connection[" + runtimeUrl + "]";
    }
}
