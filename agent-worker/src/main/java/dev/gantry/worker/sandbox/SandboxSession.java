package dev.gantry.worker.sandbox;

import java.net.URI;

/** A conversation's connection to its running sandbox; the client holds the session key, never logged. */
public record SandboxSession(URI runtimeUrl, RuntimeClient runtime) {
}
