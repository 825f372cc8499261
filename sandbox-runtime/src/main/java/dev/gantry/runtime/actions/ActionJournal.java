package dev.gantry.runtime.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.problem.Problem;
import dev.gantry.runtime.config.RuntimeConfig;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The actions this sandbox ran, by action id, with their answers: an action is run once, and a repeat of it (a
 * worker that took the conversation over asks again for the step it found without a result) gets the first
 * answer, waiting for it when the first run is still going. Kept in files under the workspace's
 * {@code .gantry/actions} (git-ignored), so a runtime started again on the same workspace (a resumed sandbox)
 * still knows them; the newest {@code keep} answers are kept, far more than the actions of one step, which is
 * all a take-over asks again. An action whose run a runtime's end cut short (its marker is there, its answer
 * is not) is not run again: its repeat is answered 409 {@code action-interrupted}.
 */
@Singleton
public class ActionJournal {

    private static final ObjectMapper JSON = GantryJson.mapper();
    private static final String ANSWER = ".json";
    private static final String RUNNING = ".running";
    private static final int CONFLICT = 409;

    /** What is kept of an answer on disk. */
    private record Entry(String actionId, int status, String body, Instant answeredAt) {
    }

    private final Path directory;
    private final int keep;
    private final Map<String, CompletableFuture<ActionAnswer>> running = new ConcurrentHashMap<>();
    private final Object files = new Object();

    @Inject
    ActionJournal(RuntimeConfig config) {
        this(config.actions().directory().orElse(config.workspace().resolve(".gantry").resolve("actions")),
                config.actions().keep());
    }

    public ActionJournal(Path directory, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("gantry.actions.keep must be at least 1, not " + keep);
        }
        this.directory = directory;
        this.keep = keep;
    }

    /**
     * The answer to the action: run now by {@code execution}, or the one given before to the same id and
     * request. A failure other than an answer (an exception) is not kept: the action may be asked again.
     */
    public ActionAnswer once(ActionKey key, Supplier<ActionAnswer> execution) {
        String digest = key.digest();
        CompletableFuture<ActionAnswer> mine = new CompletableFuture<>();
        CompletableFuture<ActionAnswer> first;
        synchronized (files) {
            first = running.get(digest);
            if (first == null) {
                ActionAnswer known = stored(digest);
                if (known != null) {
                    return known.asReplayed();
                }
                if (Files.exists(file(digest, RUNNING))) {
                    ActionAnswer interrupted = interrupted(key);
                    keep(key, digest, interrupted);
                    return interrupted.asReplayed();
                }
                mark(digest);
                running.put(digest, mine);
            }
        }
        if (first != null) {
            return awaitFirst(first);
        }
        try {
            ActionAnswer answer = execution.get();
            synchronized (files) {
                keep(key, digest, answer);
            }
            mine.complete(answer);
            return answer;
        } catch (RuntimeException | Error e) {
            unmark(digest);
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(digest);
        }
    }

    private static ActionAnswer awaitFirst(CompletableFuture<ActionAnswer> first) {
        try {
            return first.get().asReplayed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the first run of the action", e);
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw cause instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("the first run of the action failed: " + cause, cause);
        }
    }

    private static ActionAnswer interrupted(ActionKey key) {
        Problem problem = Problem.of("action-interrupted", "Action interrupted", CONFLICT, "The action "
                + key.actionId() + " was started by a runtime that ended before it finished (the sandbox was"
                + " restarted): it may have partly run, and is not run again.")
                .withErrors(List.of(new Problem.FieldError("actionId", "interrupted")));
        try {
            return new ActionAnswer(CONFLICT, JSON.writeValueAsString(problem), false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ActionAnswer stored(String digest) {
        Path answer = file(digest, ANSWER);
        if (!Files.exists(answer)) {
            return null;
        }
        try {
            Entry entry = JSON.readValue(answer.toFile(), Entry.class);
            return new ActionAnswer(entry.status(), entry.body(), false);
        } catch (IOException e) {
            // a file the agent's shell spoiled: the action is not known
            Log.warnf("the journal entry %s cannot be read (%s): the action counts as new", answer, e.getMessage());
            return null;
        }
    }

    private void mark(String digest) {
        try {
            prepareDirectory();
            Files.writeString(file(digest, RUNNING), Instant.now().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("the action journal cannot be written in " + directory, e);
        }
    }

    private void unmark(String digest) {
        try {
            Files.deleteIfExists(file(digest, RUNNING));
        } catch (IOException e) {
            Log.warnf("the journal marker of %s stays: %s", digest, e.getMessage());
        }
    }

    /** Writes the answer (whole, or not at all), then lets the marker go and the oldest answers beyond keep. */
    private void keep(ActionKey key, String digest, ActionAnswer answer) {
        try {
            prepareDirectory();
            Path temporary = Files.createTempFile(directory, digest, ".tmp");
            JSON.writeValue(temporary.toFile(), new Entry(key.actionId(), answer.status(), answer.body(), Instant.now()));
            Files.move(temporary, file(digest, ANSWER), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(file(digest, RUNNING));
            prune();
        } catch (IOException e) {
            // the action ran: its answer still goes back, it is only not remembered
            Log.warnf("the answer of action %s could not be kept: %s", key.actionId(), e.getMessage());
        }
    }

    private void prune() throws IOException {
        List<Path> answers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + ANSWER)) {
            entries.forEach(answers::add);
        }
        if (answers.size() <= keep) {
            return;
        }
        answers.sort(Comparator.comparing(ActionJournal::modified));
        for (Path old : answers.subList(0, answers.size() - keep)) {
            Files.deleteIfExists(old);
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Made when first needed, so a clone into an empty workspace still finds it empty. */
    private void prepareDirectory() throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(".gitignore"), "*\n");
        }
    }

    private Path file(String digest, String suffix) {
        return directory.resolve(digest + suffix);
    }
}
