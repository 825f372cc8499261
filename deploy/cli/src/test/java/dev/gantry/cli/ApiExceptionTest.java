package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApiExceptionTest {

    @Test
    void aRetryAfterInSecondsMakesThePauseLongerNeverShorter() {
        ApiException busy = new ApiException(503, "busy", ApiException.parseRetryAfter("2"));

        assertThat(busy.pauseAtLeast(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(busy.pauseAtLeast(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aRetryAfterPastAMinuteIsWaitedForAMinute() {
        ApiException busy = new ApiException(503, "busy", ApiException.parseRetryAfter("3600"));

        assertThat(busy.pauseAtLeast(Duration.ofSeconds(1))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anAnswerWithoutAUsableRetryAfterKeepsTheClientsOwnPause() {
        assertThat(ApiException.parseRetryAfter(null)).isNull();
        assertThat(ApiException.parseRetryAfter("Wed, 21 Oct 2026 07:28:00 GMT")).isNull();
        assertThat(new ApiException(503, "busy").pauseAtLeast(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    }
}
