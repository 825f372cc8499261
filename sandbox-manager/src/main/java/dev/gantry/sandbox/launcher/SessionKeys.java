package dev.gantry.sandbox.launcher;

import java.security.SecureRandom;
import java.util.Base64;

/** Generates the per-sandbox session keys of the runtime API. */
public final class SessionKeys {

    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionKeys() {
    }

    public static String generate() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
}
