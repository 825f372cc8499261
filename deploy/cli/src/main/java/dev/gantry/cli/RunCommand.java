package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gantry run "<task>"}: starts a conversation and follows its events until it ends. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start a conversation on a task and follow the agent live until it finishes.")
public class RunCommand implements Callable<Integer> {

    /** Exit codes, for scripts. */
    static final int FINISHED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int WAITING = 3;

    private static final int MAX_RECONNECTS = 5;
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    @Parameters(index = "0", arity = "0..1", paramLabel = "TASK", description = "What the agent should do.")
    String task;

    @Option(names = "--replay", paramLabel = "FILE", description = "Run a recorded trajectory (a JSON list of"
            + " tool calls, e.g. deploy/demo/hello-trajectory.json) instead of an LLM: needs no LLM at all.")
    Path replay;

    @Option(names = "--repo", paramLabel = "OWNER/NAME_OR_URL", description = "A repository of one of your git"
            + " connections, cloned into the workspace before the agent starts (owner/name, or its https URL).")
    String repository;

    @Option(names = "--branch", paramLabel = "BRANCH", description = "The branch of --repo to check out (default: its"
            + " default branch).")
    String branch;

    @Mixin
    ApiOptions api;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;
    private final TokenSource tokens;

    public RunCommand(Map<String, String> environment, PrintStream out, PrintStream err, TokenSource tokens) {
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.tokens = tokens;
    }

    @Override
    public Integer call() throws Exception {
        if ((task == null) == (replay == null)) {
            err.println("gantry run needs a TASK, or --replay FILE (not both)");
            return USAGE;
        }
        try {
            if (replay != null) {
                String trajectory = ConversationStarter.readTrajectory(replay);
                GantryApi gantry = api.connect(tokens);
                return follow(gantry, new ConversationStarter(gantry, repository, branch)
                        .startReplay(replay, trajectory));
            }
            LlmSettings llm = LlmSettings.from(environment);
            if (!llm.missing().isEmpty()) {
                err.println("gantry run needs " + ConversationStarter.missingLlm(llm,
                        "or run a recorded trajectory with no LLM: gantry run --replay FILE"));
                return USAGE;
            }
            GantryApi gantry = api.connect(tokens);
            ConversationStarter starter = new ConversationStarter(gantry, repository, branch);
            starter.useLlm(llm);
            return follow(gantry, starter.start(task));
        } catch (UsageException e) {
            err.println("gantry run: " + e.getMessage());
            return USAGE;
        }
    }

    /** Prints a conversation's events until it reaches an end, and answers the exit code. */
    int follow(GantryApi gantry, JsonNode conversation) throws ApiException, InterruptedException {
        String id = conversation.path("id").asText();
        out.println("conversation " + id);
        Follower follower = new Follower();
        try (Progress progress = new Progress(out, err, System.console() != null)) {
            follower.progress = progress;
            for (int attempt = 0; follower.exitCode == null; attempt++) {
                Duration pause = RECONNECT_PAUSE;
                try {
                    gantry.streamEvents(id, follower.lastSeq, follower::accept);
                } catch (EndReached done) {
                    break;
                } catch (ApiException e) {
                    if (e.status() >= 400 && e.status() < 500 || attempt >= MAX_RECONNECTS) {
                        throw e;
                    }
                    // a busy platform says when to come back (503 Retry-After)
                    pause = e.pauseAtLeast(RECONNECT_PAUSE);
                }
                // the stream ended before the conversation did: resume after the last event seen
                Thread.sleep(pause.toMillis());
            }
        }
        out.println(switch (follower.exitCode) {
            case FINISHED -> "finished";
            case WAITING -> "the agent is waiting for you (conversation " + id + ")";
            default -> "ended: " + follower.status;
        });
        if (conversation.hasNonNull("repository")) {
            for (JsonNode pullRequest : gantry.conversation(id).path("pullRequests")) {
                out.println("pull request: " + pullRequest.path("url").asText());
            }
        }
        return follower.exitCode;
    }

    /** The state of following one conversation's stream. */
    private final class Follower {
        long lastSeq;
        Integer exitCode;
        String status;
        Progress progress;
        boolean agentSpoke;

        void accept(ConversationEvent event) {
            if (event.seq() <= lastSeq) {
                return;
            }
            lastSeq = event.seq();
            EventLine.render(event).ifPresent(progress::print);
            agentSpoke = event.payload() instanceof dev.gantry.contracts.event.MessageEvent
                    && event.source() == dev.gantry.contracts.event.EventSource.AGENT;
            if (event.payload() instanceof ConversationStateUpdateEvent update && update.status() != null) {
                status = update.status().name().toLowerCase(java.util.Locale.ROOT);
                exitCode = exitCodeOf(update.status());
                if (exitCode != null) {
                    throw new EndReached();
                }
            }
        }

        private Integer exitCodeOf(ExecutionStatus status) {
            return switch (status) {
                case FINISHED -> FINISHED;
                case ERROR, STUCK, STOPPED -> FAILED;
                case WAITING_FOR_CONFIRMATION -> WAITING;
                case IDLE -> agentSpoke ? WAITING : null;
                case QUEUED, RUNNING, PAUSED -> null;
            };
        }
    }

    /** Ends the stream from inside its callback once the conversation has reached an end. */
    private static final class EndReached extends RuntimeException {
        EndReached() {
            super(null, null, false, false);
        }
    }
}
