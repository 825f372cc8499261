package dev.gantry.sandbox.rest;

import dev.gantry.sandbox.service.Sandbox;
import java.util.Optional;

/**
 * Who calls: a platform service holding the internal token (sees every sandbox), or the gateway on
 * behalf of a user (sees that user's sandboxes only).
 */
record Caller(Optional<String> user, boolean internal) {

    boolean maySee(Sandbox sandbox) {
        return internal || user.map(sandbox.ownerId()::equals).orElse(false);
    }
}
