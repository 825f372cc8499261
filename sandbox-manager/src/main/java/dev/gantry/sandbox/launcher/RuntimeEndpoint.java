package dev.gantry.sandbox.launcher;

import java.net.URI;

/** Where a sandbox's runtime answers and the key it wants in {@code X-Session-API-Key}. */
public record RuntimeEndpoint(URI baseUrl, String sessionKey) {

    /** Leaves the key out, so an endpoint in a log line or exception message does not leak it. */
    @Override
    public String toString() {
        return "RuntimeEndpoint[" + baseUrl + "]";
    }
}
