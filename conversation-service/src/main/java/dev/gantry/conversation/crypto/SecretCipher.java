package dev.gantry.conversation.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secret values with AES-256-GCM under the master key. A sealed value is the random 96-bit
 * nonce followed by the ciphertext and its 128-bit tag. The caller's context (owner and name) is
 * bound in as associated data, so a sealed value moved to another user's row does not open.
 */
public final class SecretCipher {

    public static final int KEY_BYTES = 32;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private SecretCipher(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, "AES");
    }

    /**
     * A cipher under the key written as base64.
     *
     * @throws InvalidMasterKeyException if it is not base64 of exactly {@value #KEY_BYTES} bytes; the message never contains the key
     */
    public static SecretCipher fromBase64Key(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new InvalidMasterKeyException("the master key is empty");
        }
        byte[] keyBytes;
        try {
            keyBytes = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidMasterKeyException("the master key is not base64");
        }
        if (keyBytes.length != KEY_BYTES) {
            throw new InvalidMasterKeyException(
                    "the master key must be %d bytes (AES-256), it has %d".formatted(KEY_BYTES, keyBytes.length));
        }
        return new SecretCipher(keyBytes);
    }

    public byte[] seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + ciphertext.length).put(nonce).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            // AES/GCM is mandatory in every JDK: failing here means a broken runtime, not bad input
            throw new IllegalStateException("AES-GCM encryption is unavailable", e);
        }
    }

    /** @throws SecretDecryptionException if the value was sealed under another key or context, or was altered */
    public String open(byte[] sealed, String context) {
        if (sealed == null || sealed.length <= NONCE_BYTES) {
            throw new SecretDecryptionException();
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SecretDecryptionException();
        }
    }
}
