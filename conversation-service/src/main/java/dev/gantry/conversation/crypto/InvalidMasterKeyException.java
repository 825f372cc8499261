package dev.gantry.conversation.crypto;

/** The configured master key cannot be used; the service must not start with it. */
public final class InvalidMasterKeyException extends IllegalStateException {

    InvalidMasterKeyException(String reason) {
        super("gantry.secrets.master-key: " + reason);
    }
}
