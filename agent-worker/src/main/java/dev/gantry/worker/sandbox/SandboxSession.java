package dev.gantry.worker.sandbox;

import java.net.URI;

/** A conversation's connection to its running sandbox. The session key is never logged. */
public record SandboxSession(URI runtimeUrl, String sessionKey, RuntimeApi api) {

    @Override
    public String toString() {
        return "SandboxSession[runtimeUrl=" + runtimeUrl + "]";
    }
}
