package dev.gantry.conversation.rest;

import dev.gantry.conversation.config.InternalApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Compares a presented internal token with the configured one in constant time. A normal-scoped
 * bean, so the JAX-RS filter (built when the application is assembled) reads the runtime config
 * only on its first request.
 */
@ApplicationScoped
public class InternalTokenVerifier {

    private final byte[] expected;

    InternalTokenVerifier(InternalApiConfig config) {
        this.expected = config.token().getBytes(StandardCharsets.UTF_8);
    }

    public boolean accepts(String token) {
        return token != null && MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8));
    }
}
