package dev.gantry.contracts.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
        assertThat(IdempotencyKey.fromHeaders(null)).isEmpty();
        assertThat(IdempotencyKey.fromHeaders(List.of())).isEmpty();
        assertThat(IdempotencyKey.fromHeaders(List.of("k-1"))).contains(new IdempotencyKey("k-1"));
        assertThatThrownBy(() -> IdempotencyKey.fromHeaders(List.of(""))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Idempotency-Key");
        assertThatThrownBy(() -> IdempotencyKey.fromHeaders(List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("once");
    }
}
