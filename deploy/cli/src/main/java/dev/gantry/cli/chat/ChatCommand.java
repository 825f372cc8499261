package dev.gantry.cli.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ApiException;
import dev.gantry.cli.ApiOptions;
import dev.gantry.cli.ConversationStarter;
import dev.gantry.cli.GantryApi;
import dev.gantry.cli.LlmSettings;
import dev.gantry.cli.TokenSource;
import dev.gantry.cli.UsageException;
import dev.gantry.cli.conversations.ConversationId;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gantry chat [ID]}: talk with the agent of a new or existing conversation, seeing its events live. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Chat with the agent: type messages, see its events as they come, answer its"
                + " confirmations with y/n. /pause, /resume, /stop, /status, /quit and /help are commands.",
                "With no CONVERSATION, the first line typed is the task of a new one (on the LLM of GANTRY_LLM_*,"
                + " else of your settings)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:left with /quit or the end of the input (Ctrl-D); the conversation goes on",
                "1:the API refused or failed (the conversation not found, the token refused, the stream lost)",
                "2:a bad command line",
                "130:left with Ctrl-C; the conversation goes on"})
public class ChatCommand implements Callable<Integer> {

    static final int LEFT = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int INTERRUPTED = SignalInterrupts.EXIT;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONVERSATION",
            description = "The id of a conversation to go back to (gantry conversations lists them).")
    String conversationId;

    @Option(names = "--replay", paramLabel = "FILE", description = "Start a conversation that plays a recorded"
            + " trajectory (a JSON list of tool calls) instead of calling an LLM.")
    Path replay;

    @Option(names = "--repo", paramLabel = "OWNER/NAME_OR_URL", description = "For a new conversation: a repository"
            + " of one of your git connections, cloned into the workspace before the agent starts.")
    String repository;

    @Option(names = "--branch", paramLabel = "BRANCH", description = "The branch of --repo to check out (default: its"
            + " default branch).")
    String branch;

    @Option(names = "--history", paramLabel = "N", defaultValue = "20",
            description = "How many of an existing conversation's latest events to show first (default: ${DEFAULT-VALUE}).")
    int history;

    @Mixin
    ApiOptions api;

    private final Map<String, String> environment;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final TokenSource tokens;
    private final Interrupts interrupts;

    public ChatCommand(Map<String, String> environment, InputStream in, PrintStream out, PrintStream err,
            TokenSource tokens, Interrupts interrupts) {
        this.environment = environment;
        this.in = in;
        this.out = out;
        this.err = err;
        this.tokens = tokens;
        this.interrupts = interrupts;
    }

    @Override
    public Integer call() throws Exception {
        try {
            if (conversationId != null && (replay != null || repository != null || branch != null)) {
                throw new UsageException("--replay, --repo and --branch start a new conversation: give them without"
                        + " a CONVERSATION id");
            }
            if (history < 0) {
                throw new UsageException("--history must be 0 or more, not " + history);
            }
            String id = conversationId == null ? null : ConversationId.check(conversationId);
            String trajectory = replay == null ? null : ConversationStarter.readTrajectory(replay);
            LlmSettings llm = LlmSettings.from(environment);
            boolean onLlm = id == null && trajectory == null;
            if (onLlm && (llm.missing().size() == 1 || llm.missing().size() == 2)) {
                throw new UsageException(ConversationStarter.missingLlm(llm, "(or set none of them to use the"
                        + " model of your settings)"));
            }
            GantryApi gantry = api.connect(tokens);
            ConversationStarter starter = new ConversationStarter(gantry, repository, branch);
            JsonNode conversation = null;
            if (id != null) {
                try {
                    conversation = gantry.conversation(id);
                } catch (ApiException e) {
                    throw ConversationId.explain(e, id);
                }
            } else if (trajectory != null) {
                conversation = starter.startReplay(replay, trajectory);
            } else if (llm.missing().isEmpty()) {
                starter.useLlm(llm);
            } else if (gantry.settings().path("model").asText("").isBlank()) {
                throw new UsageException(ConversationStarter.missingLlm(llm, "or configure a model in your settings"
                        + " (POST /api/v1/settings), or chat over a recorded trajectory: gantry chat --replay FILE"));
            }
            return new Chat(gantry, starter, out, err, history).run(conversation, in, interrupts);
        } catch (UsageException e) {
            err.println("gantry chat: " + e.getMessage());
            return USAGE;
        } catch (ApiException e) {
            err.println("gantry chat: " + e.getMessage());
            return FAILED;
        }
    }
}
