package dev.gantry.contracts.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    @Test
    void aKeyIsOneTo255PrintableAsciiCharacters() {
        assertThat(IdempotencyKey.isValid("a")).isTrue();
        assertThat(IdempotencyKey.isValid("8e03978e-40d5-43e8-bc93-6894a57f9324")).isTrue();
        assertThat(IdempotencyKey.isValid("!~" + "x".repeat(253))).isTrue();

        assertThat(IdempotencyKey.isValid("")).isFalse();
        assertThat(IdempotencyKey.isValid("x".repeat(256))).isFalse();
        assertThat(IdempotencyKey.isValid("with space")).isFalse();
        assertThat(IdempotencyKey.isValid("tab\there")).isFalse();
        assertThat(IdempotencyKey.isValid("clé")).isFalse();
        assertThat(IdempotencyKey.isValid(null)).isFalse();
    }

    @Test
    void anAbsentHeaderIsNoKeyAndABadOneIsRefusedNamingTheHeader() {
        assertThat(IdempotencyKey.fromHeader(null)).isEmpty();
        assertThat(IdempotencyKey.fromHeader("k-1")).contains(new IdempotencyKey("k-1"));
        assertThatThrownBy(() -> IdempotencyKey.fromHeader(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Idempotency-Key");
    }
}
