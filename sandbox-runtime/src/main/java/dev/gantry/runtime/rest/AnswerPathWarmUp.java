package dev.gantry.runtime.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.runtime.actions.ActionJournal;
import dev.gantry.runtime.config.RuntimeConfig;
import dev.gantry.runtime.editor.EditorResult;
import dev.gantry.runtime.terminal.TerminalResult;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Primes, inside the runtime, what an agent's request goes through once past the key filter: the JSON readers of the
 * routes' bodies, the writers of their answers and problems, and the action journal (an action id's digest, its
 * marker, its kept answer and a repeat answered from it). {@link RequestPathWarmUp} warms the HTTP side without the
 * key; this side needs no request at all. The journal is a throwaway one in a temporary directory, never the
 * workspace's; nothing runs in the shell. On 2 cores a warm runtime's first authenticated request took about 35 ms
 * more than the next one, nearly all of it here (building the JSON (de)serializers of the request and answer types,
 * the first SHA-256), however well the start-up archive was trained: the archive holds classes, not those objects.
 * Off with {@code gantry.runtime.terminal.prestart=false}, like the shell started ahead; not under tests.
 */
@ApplicationScoped
class AnswerPathWarmUp {

    private final RuntimeConfig config;
    private final ObjectMapper json;

    AnswerPathWarmUp(RuntimeConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void warm(@Observes StartupEvent start) {
        if (!config.terminal().prestart() || LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        Thread.ofVirtual().name("gantry-answer-warm-up").start(this::prime);
    }

    /** Goes through the answer path once; a failure only leaves the first request to pay for it. */
    void prime() {
        try {
            TerminalRequest terminal = json.readValue("{\"command\":\"true\",\"timeoutSeconds\":1}",
                    TerminalRequest.class);
            terminal.validate(config.terminal().maxTimeout());
            json.readValue("{\"command\":\"view\",\"path\":\"/\",\"viewRange\":[1,2]}", EditorRequest.class);
            json.readValue("{\"variables\":{\"NAME\":\"value\"}}", EnvironmentRequest.class).validate();
            TerminalResult result = new TerminalResult("", 0, "/", false);
            json.writeValueAsString(result);
            json.writeValueAsString(new EditorResult("view", "/", "", null, null));
            json.writeValueAsString(ApiProblem.invalidField("body", "is required").problem());
            Path directory = Files.createTempDirectory("gantry-warm-up-");
            try {
                ActionRequests actions = new ActionRequests(new ActionJournal(directory, 1));
                actions.answer("warm-up", "terminal", terminal, () -> result);
                actions.answer("warm-up", "terminal", terminal, () -> result);
            } finally {
                deleteTree(directory);
            }
        } catch (IOException | RuntimeException e) {
            Log.debugf("the answer path could not be warmed: %s", e.toString());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
