package dev.gantry.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.gateway.ratelimit.TokenBucket.Decision;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The buckets a replica checks keys against while Redis does not answer. */
class LocalTokenBucketsTest {

    private static final int BURST = 5;
    /** One token a second. */
    private static final int PER_MINUTE = 60;

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LocalTokenBuckets buckets = new LocalTokenBuckets(BURST, PER_MINUTE, now::get);

    @Test
    void grantsTheBurstThenRefusesWithTheTimeUntilTheNextToken() {
        for (int i = 0; i < BURST; i++) {
            assertThat(buckets.take("user:a").allowed()).as("request %d of the burst", i + 1).isTrue();
        }
        Decision refused = buckets.take("user:a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));

        now.addAndGet(Duration.ofMillis(400).toNanos());
        assertThat(buckets.take("user:a").retryAfter()).isEqualTo(Duration.ofMillis(600));
        now.addAndGet(Duration.ofMillis(600).toNanos());
        assertThat(buckets.take("user:a").allowed()).as("one token a second").isTrue();
        assertThat(buckets.take("user:a").allowed()).isFalse();
    }

    @Test
    void oneKeysSpentBucketDoesNotLimitAnother() {
        for (int i = 0; i < BURST; i++) {
            buckets.take("user:greedy");
        }
        assertThat(buckets.take("user:greedy").allowed()).isFalse();
        assertThat(buckets.take("user:other").allowed()).isTrue();
    }

    @Test
    void forgetsBucketsThatAreFullAgain() {
        buckets.take("address:10.0.0.1");
        buckets.take("address:10.0.0.2");
        assertThat(buckets.size()).isEqualTo(2);

        now.addAndGet(Duration.ofSeconds(BURST).toNanos()); // long enough to refill the whole burst
        buckets.take("address:10.0.0.3");

        assertThat(buckets.size()).isEqualTo(1);
    }

    @Test
    void keysSprayedDuringAnOutageNeverHoldMoreThanTheCap() {
        for (int i = 0; i < LocalTokenBuckets.MAX_KEYS + 1_000; i++) {
            buckets.take("address:" + i);
            assertThat(buckets.size()).isLessThanOrEqualTo(LocalTokenBuckets.MAX_KEYS);
        }
    }
}
