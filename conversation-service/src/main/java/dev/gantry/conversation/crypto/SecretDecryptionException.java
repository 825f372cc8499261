package dev.gantry.conversation.crypto;

/** A sealed value did not open: another key, another owner or name, or altered bytes. Says nothing of the value. */
public final class SecretDecryptionException extends RuntimeException {

    SecretDecryptionException() {
        super("the secret could not be decrypted with the configured master key");
    }
}
