package dev.gantry.runtime.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionJournalTest {

    @TempDir
    Path directory;

    private final AtomicInteger runs = new AtomicInteger();

    private ActionAnswer ran(String body) {
        runs.incrementAndGet();
        return new ActionAnswer(200, body, false);
    }

    @Test
    void aRepeatedActionIsAnsweredWithTheFirstAnswerWithoutRunningAgain() {
        ActionJournal journal = new ActionJournal(directory, 10);
        ActionKey key = new ActionKey("a-1", "terminal {\"command\":\"date\"}");

        ActionAnswer first = journal.once(key, () -> ran("{\"output\":\"first\"}"));
        ActionAnswer again = journal.once(key, () -> ran("{\"output\":\"second\"}"));

        assertThat(runs).hasValue(1);
        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.body()).isEqualTo("{\"output\":\"first\"}");
    }

    @Test
    void theSameIdWithAnotherRequestIsAnotherAction() {
        ActionJournal journal = new ActionJournal(directory, 10);

        journal.once(new ActionKey("a-1", "terminal {\"command\":\"ls\"}"), () -> ran("ls"));
        ActionAnswer other = journal.once(new ActionKey("a-1", "terminal {\"command\":\"pwd\"}"), () -> ran("pwd"));

        assertThat(runs).hasValue(2);
        assertThat(other.body()).isEqualTo("pwd");
    }

    @Test
    void aRepeatWhileTheFirstRunIsGoingWaitsForItsAnswer() throws Exception {
        ActionJournal journal = new ActionJournal(directory, 10);
        ActionKey key = new ActionKey("a-2", "terminal {\"command\":\"sleep\"}");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<ActionAnswer> first = CompletableFuture.supplyAsync(() -> journal.once(key, () -> {
            started.countDown();
            await(release);
            return ran("slept");
        }), threads);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<ActionAnswer> repeat = CompletableFuture.supplyAsync(() -> journal.once(key, () -> ran("twice")),
                threads);
        Thread.sleep(200);
        assertThat(repeat).as("the repeat waits for the first run").isNotDone();

        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS).body()).isEqualTo("slept");
        assertThat(repeat.get(5, TimeUnit.SECONDS).body()).isEqualTo("slept");
        assertThat(repeat.get().replayed()).isTrue();
        assertThat(runs).hasValue(1);
        threads.shutdown();
    }

    @Test
    void aJournalStartedAgainOnTheSameDirectoryKnowsTheActionsRunBefore() {
        ActionKey key = new ActionKey("a-3", "editor {\"command\":\"create\"}");
        new ActionJournal(directory, 10).once(key, () -> ran("created"));

        ActionAnswer afterRestart = new ActionJournal(directory, 10).once(key, () -> ran("created twice"));

        assertThat(runs).hasValue(1);
        assertThat(afterRestart.body()).isEqualTo("created");
    }

    @Test
    void anActionARuntimeEndCutShortIsNotRunAgainButAnsweredAsInterrupted() throws IOException {
        ActionKey key = new ActionKey("a-4", "terminal {\"command\":\"make\"}");
        // what a runtime killed mid-run leaves: the marker, no answer
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(key.digest() + ".running"), "then");

        ActionAnswer answer = new ActionJournal(directory, 10).once(key, () -> ran("made again"));

        assertThat(runs).hasValue(0);
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body()).contains("action-interrupted").contains("a-4");
        assertThat(new ActionJournal(directory, 10).once(key, () -> ran("made again")).status()).isEqualTo(409);
    }

    @Test
    void aFailureThatIsNotAnAnswerIsForgottenSoTheActionMayBeAskedAgain() {
        ActionJournal journal = new ActionJournal(directory, 10);
        ActionKey key = new ActionKey("a-5", "terminal {}");

        assertThatThrownBy(() -> journal.once(key, () -> {
            throw new IllegalStateException("broken");
        })).hasMessage("broken");
        ActionAnswer second = journal.once(key, () -> ran("fine"));

        assertThat(second.body()).isEqualTo("fine");
        assertThat(second.replayed()).isFalse();
    }

    @Test
    void onlyTheNewestAnswersAreKeptAndTheDirectoryIsGitIgnored() throws IOException {
        ActionJournal journal = new ActionJournal(directory.resolve("actions"), 3);
        for (int i = 0; i < 5; i++) {
            int n = i;
            journal.once(new ActionKey("a-" + i, "terminal"), () -> ran("run " + n));
        }

        try (var files = Files.list(directory.resolve("actions"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".json"))).hasSize(3);
        }
        assertThat(directory.resolve("actions/.gitignore")).hasContent("*");
        assertThat(journal.once(new ActionKey("a-4", "terminal"), () -> ran("again")).body()).isEqualTo("run 4");
        assertThat(runs).hasValue(5);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
