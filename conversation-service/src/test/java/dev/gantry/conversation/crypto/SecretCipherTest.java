package dev.gantry.conversation.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8));
    private static final String CONTEXT = "user-1\u0000OPENAI_API_KEY";

    private final SecretCipher cipher = SecretCipher.fromBase64Key(KEY);

    @Test
    void opensWhatItSealed() {
        byte[] sealed = cipher.seal("sk-live-123", CONTEXT);
        assertThat(cipher.open(sealed, CONTEXT)).isEqualTo("sk-live-123");
    }

    @Test
    void sealsTheSameValueDifferentlyEachTime() {
        assertThat(cipher.seal("sk-live-123", CONTEXT)).isNotEqualTo(cipher.seal("sk-live-123", CONTEXT));
    }

    @Test
    void theSealedBytesDoNotContainThePlaintext() {
        byte[] sealed = cipher.seal("sk-live-123", CONTEXT);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("sk-live-123");
    }

    @Test
    void anotherKeyCannotOpenIt() {
        byte[] sealed = cipher.seal("sk-live-123", CONTEXT);
        assertThatThrownBy(() -> SecretCipher.fromBase64Key(OTHER_KEY).open(sealed, CONTEXT))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageNotContaining("sk-live-123");
    }

    @Test
    void anotherOwnerOrNameCannotOpenIt() {
        byte[] sealed = cipher.seal("sk-live-123", CONTEXT);
        assertThatThrownBy(() -> cipher.open(sealed, "user-2\u0000OPENAI_API_KEY"))
                .isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void alteredBytesDoNotOpen() {
        byte[] sealed = cipher.seal("sk-live-123", CONTEXT);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.open(sealed, CONTEXT)).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void refusesAMasterKeyThatIsNotThirtyTwoBytesOfBase64() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> SecretCipher.fromBase64Key(shortKey))
                .isInstanceOf(InvalidMasterKeyException.class)
                .hasMessageContaining("must be 32 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> SecretCipher.fromBase64Key("not base64 at all!"))
                .isInstanceOf(InvalidMasterKeyException.class)
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> SecretCipher.fromBase64Key(" "))
                .isInstanceOf(InvalidMasterKeyException.class)
                .hasMessageContaining("empty");
    }
}
