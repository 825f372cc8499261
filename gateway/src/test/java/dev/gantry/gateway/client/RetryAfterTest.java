package dev.gantry.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void anOpenCircuitSaysToComeBackWhenItMayLetCallsThrough() {
        assertThat(DownstreamInterceptor.retryAfterSeconds(new CircuitBreakerOpenException("open")))
                .isEqualTo(CallPolicy.BREAKER_DELAY_MILLIS / 1000);
    }

    @Test
    void aServiceTooBusyOrUnreachableSaysToComeBackAfterAShortPause() {
        assertThat(DownstreamInterceptor.retryAfterSeconds(new TimeoutException("late"))).isEqualTo(2);
        assertThat(DownstreamInterceptor.retryAfterSeconds(new ConnectException("refused"))).isEqualTo(2);
    }
}
