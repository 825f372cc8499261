package dev.gantry.sandbox.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.sandbox.launcher.LaunchException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whose start goes next when starts wait: users in turn, a user's own in order, the warm pool last. */
class StartGateTurnsTest {

    private final StartGate gate = new StartGate(1);
    private final List<String> admitted = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseAll() throws InterruptedException {
        release.countDown();
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(10));
        }
    }

    @Test
    void anotherUsersSingleStartGoesBeforeTheRestOfOneUsersBurst() throws Exception {
        holdTheGate();
        for (int i = 1; i <= 5; i++) {
            waitFor("alice", "alice-" + i);
        }
        waitFor("bob", "bob-1");

        List<String> order = runAll(6);

        assertThat(order).as("bob waits for one of alice's starts, not for all five")
                .containsExactly("alice-1", "bob-1", "alice-2", "alice-3", "alice-4", "alice-5");
    }

    @Test
    void usersTakeTurnsAndEachUsersStartsKeepTheirOrder() throws Exception {
        holdTheGate();
        waitFor("alice", "alice-1");
        waitFor("alice", "alice-2");
        waitFor("alice", "alice-3");
        waitFor("bob", "bob-1");
        waitFor("bob", "bob-2");
        waitFor("carol", "carol-1");

        assertThat(runAll(6)).containsExactly("alice-1", "bob-1", "carol-1", "alice-2", "bob-2", "alice-3");
    }

    @Test
    void aWarmPoolStartGoesOnlyWhenNoUsersStartWaits() throws Exception {
        holdTheGate();
        waitFor(null, "pool-1");
        waitFor(null, "pool-2");
        waitFor("alice", "alice-1");

        assertThat(runAll(3)).containsExactly("alice-1", "pool-1", "pool-2");
    }

    @Test
    void aStartThatGaveUpLeavesNoTurnBehind() throws Exception {
        holdTheGate();
        assertThatThrownBy(() -> gate.admit(Optional.of("alice"), Instant.now().plusMillis(100), () -> "late"))
                .isInstanceOf(LaunchException.class).hasMessageContaining("did not get its turn");
        waitFor("bob", "bob-1");

        assertThat(runAll(1)).containsExactly("bob-1");
        assertThat(gate.waiting()).isZero();
        assertThat(gate.starting()).isZero();
    }

    @Test
    void neverMoreStartAtOnceThanTheLimit() throws Exception {
        StartGate three = new StartGate(3);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Thread> starts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Optional<String> user = i % 4 == 0 ? Optional.empty() : Optional.of("user-" + i % 5);
            starts.add(Thread.ofVirtual().start(() -> three.admit(user, Instant.now().plusSeconds(30), () -> {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return now.decrementAndGet();
            })));
        }
        for (Thread start : starts) {
            start.join(Duration.ofSeconds(30));
        }
        assertThat(most.get()).isBetween(2, 3);
        assertThat(three.peak()).isEqualTo(most.get());
        assertThat(three.waiting()).isZero();
        assertThat(three.starting()).isZero();
    }

    /** One start of nobody's holds the only place until the test lets the queued ones go. */
    private void holdTheGate() throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        threads.add(Thread.ofVirtual().start(() -> gate.admit(Optional.of("holder"), Instant.now().plusSeconds(30),
                () -> {
                    holding.countDown();
                    awaitQuietly(release);
                    return "holder";
                })));
        holding.await();
    }

    /** A start of {@code user} (null: the warm pool) that waits its turn; queued before this returns. */
    private void waitFor(String user, String name) {
        int before = gate.waiting();
        threads.add(Thread.ofVirtual().start(() -> gate.admit(Optional.ofNullable(user), Instant.now().plusSeconds(30),
                () -> admitted.add(name))));
        await().atMost(Duration.ofSeconds(5)).until(() -> gate.waiting() == before + 1);
    }

    /** Lets the holder go and returns the order the {@code count} waiting starts ran in. */
    private List<String> runAll(int count) {
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> admitted.size() == count);
        return List.copyOf(admitted);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
