package dev.gantry.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gantry.cli.ApiStandIn;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.SecurityRisk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code gantry chat} with a keyboard of pipes against a stand-in of the public API over real HTTP. */
class ChatCommandTest {

    private static final UUID ID = UUID.randomUUID();
    private static final String CONVERSATION = "/api/v1/conversations/" + ID;
    private static final Map<String, String> LLM = Map.of("GANTRY_LLM_BASE_URL", "http://llm.local/v1",
            "GANTRY_LLM_API_KEY", "sk-test-key", "GANTRY_LLM_MODEL", "gpt-4o");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final AtomicReference<Runnable> ctrlC = new AtomicReference<>();
    private ApiStandIn api;

    @AfterEach
    void stop() throws IOException {
        keyboard.close();
        if (api != null) {
            api.close();
        }
    }

    @Test
    void answersAConfirmationFollowsTheStreamAcrossADropAndStopsTheAgent() throws Exception {
        api = new ApiStandIn()
                .answer("GET " + CONVERSATION, 200, conversation("running", 0))
                .answer("POST " + CONVERSATION + "/confirmation", 202, "{\"commandId\":\"c1\"}")
                .answer("POST " + CONVERSATION + "/stop", 202, "{\"commandId\":\"c2\"}");
        CompletableFuture<Integer> chat = chat(Map.of(), ID.toString());
        ConversationEvent chmod = event(1, action("mkdir shared && chmod -R 777 shared && echo opened"));

        api.send(chmod);
        api.send(event(2, ConversationStateUpdateEvent.status(ExecutionStatus.WAITING_FOR_CONFIRMATION)));
        await(() -> out.toString().contains("allow it? [y/n]"));
        assertThat(out.toString()).contains("risk: high (lets everyone write a whole directory tree (chmod -R 777))");

        type("y");
        await(() -> api.requests.contains("POST " + CONVERSATION + "/confirmation {\"accept\":true}"));
        api.send(event(3, ConversationStateUpdateEvent.status(ExecutionStatus.RUNNING)));
        api.breakStream();
        // the server replays from Last-Event-ID: seq 3 comes again and is not printed twice
        api.send(event(3, ConversationStateUpdateEvent.status(ExecutionStatus.RUNNING)));
        api.send(event(4, new ObservationEvent(chmod.id(), "terminal", "c1", "opened", 0, false)));
        await(() -> out.toString().contains("  opened"));

        type("/stop");
        await(() -> api.requests.contains("POST " + CONVERSATION + "/stop"));
        api.send(event(5, ConversationStateUpdateEvent.status(ExecutionStatus.STOPPED)));
        await(() -> out.toString().contains("status: stopped"));
        type("/quit");

        assertThat(chat.get(10, TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(api.lastEventIds).containsExactly("0", "3");
        assertThat(out.toString().split("\\(allowed\\)", -1)).hasSize(2);
        assertThat(out.toString()).containsOnlyOnce("  opened")
                .endsWith("left the chat; the conversation goes on. Back to it with: gantry chat " + ID + "\n");
    }

    @Test
    void theFirstLineStartsAConversationOnTheRepositoryAndLaterLinesAreMessages() throws Exception {
        api = new ApiStandIn()
                .answer("POST /api/v1/secrets", 201, "{}")
                .answer("POST /api/v1/settings", 200, "{}")
                .answer("POST /api/v1/conversations", 201, conversation("running", 0))
                .answer("POST " + CONVERSATION + "/messages", 202, "{\"commandId\":\"c1\"}");
        CompletableFuture<Integer> chat = chat(LLM, "--repo", "acme/api", "--branch", "main");
        await(() -> out.toString().contains("new conversation: type the task"));

        type("fix the failing test");
        await(() -> out.toString().contains("conversation " + ID));
        type("and open a pull request");
        await(() -> api.requests.contains("POST " + CONVERSATION + "/messages "
                + "{\"content\":\"and open a pull request\",\"run\":true}"));
        keyboard.close();

        assertThat(chat.get(10, TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(api.requests).contains("POST /api/v1/conversations {\"repository\":\"acme/api\",\"branch\":\"main\","
                + "\"initialMessage\":\"fix the failing test\"}");
        assertThat(api.lastEventIds).containsExactly("0");
    }

    @Test
    void ctrlCLeavesTheChatWithoutStoppingTheConversationAndSaysHowToComeBack() throws Exception {
        api = new ApiStandIn().answer("GET " + CONVERSATION, 200, conversation("running", 0));
        CompletableFuture<Integer> chat = chat(Map.of(), ID.toString());
        await(() -> out.toString().contains("conversation " + ID) && ctrlC.get() != null);

        ctrlC.get().run();

        assertThat(chat.get(10, TimeUnit.SECONDS)).isEqualTo(ChatCommand.INTERRUPTED);
        assertThat(out.toString()).contains("Back to it with: gantry chat " + ID);
        assertThat(api.requests).containsExactly("GET " + CONVERSATION);
    }

    @Test
    void showsOnlyTheLatestEventsOfALongConversationAndAsksWhatIsStillOpen() throws Exception {
        api = new ApiStandIn().answer("GET " + CONVERSATION, 200, conversation("waiting_for_confirmation", 42));
        CompletableFuture<Integer> chat = chat(Map.of(), ID.toString(), "--history", "2");
        await(() -> !api.lastEventIds.isEmpty());

        api.send(event(41, action("chmod -R 777 shared")));
        api.send(event(42, ConversationStateUpdateEvent.status(ExecutionStatus.WAITING_FOR_CONFIRMATION)));
        await(() -> out.toString().contains("allow it? [y/n]"));
        type("maybe");
        await(() -> err.toString().contains("the agent waits for an answer"));
        keyboard.close();

        assertThat(chat.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(api.lastEventIds).containsExactly("40");
    }

    @Test
    void refusesABadIdAndRepositoryOptionsForAnExistingConversation() {
        assertThat(CommandLine.ExitCode.USAGE).isEqualTo(ChatCommand.USAGE);
        assertThat(run(Map.of(), "chat", "not-an-id")).isEqualTo(ChatCommand.USAGE);
        assertThat(err.toString()).contains("'not-an-id' is not a conversation id");
        assertThat(run(Map.of(), "chat", ID.toString(), "--repo", "acme/api")).isEqualTo(ChatCommand.USAGE);
        assertThat(err.toString()).contains("--replay, --repo and --branch start a new conversation");
        assertThat(run(LLM, "chat", "--branch", "main")).isEqualTo(ChatCommand.USAGE);
        assertThat(err.toString()).contains("--branch needs --repo");
    }

    @Test
    void saysWhenTheConversationIsNotTheUsers() throws IOException {
        api = new ApiStandIn();

        assertThat(run(Map.of(), "chat", ID.toString())).isEqualTo(ChatCommand.FAILED);
        assertThat(err.toString()).contains("no conversation " + ID + " of yours");
    }

    private int run(Map<String, String> environment, String... args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.addAll(List.of("--api", api == null ? "http://127.0.0.1:9" : api.uri().toString(),
                "--token", ApiStandIn.TOKEN));
        CommandLine commandLine = new CommandLine(new Root());
        commandLine.addSubcommand(new ChatCommand(environment, java.io.InputStream.nullInputStream(), print(out), print(err),
                () -> "unused", firstInterrupt -> ctrlC.set(firstInterrupt)));
        return commandLine.execute(arguments.toArray(String[]::new));
    }

    private CompletableFuture<Integer> chat(Map<String, String> environment, String... args) throws IOException {
        PipedInputStream in = new PipedInputStream(keyboard);
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.addAll(List.of("--api", api.uri().toString(), "--token", ApiStandIn.TOKEN));
        return CompletableFuture.supplyAsync(() -> new CommandLine(new ChatCommand(environment, in, print(out),
                print(err), () -> "unused", firstInterrupt -> ctrlC.set(firstInterrupt)))
                .execute(arguments.toArray(String[]::new)));
    }

    private void type(String line) throws IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private void await(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("waited 10 s; printed:\n" + out + "\nerrors:\n" + err).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String conversation(String status, long lastSeq) {
        return "{\"id\":\"" + ID + "\",\"title\":\"t\",\"status\":\"" + status + "\",\"lastSeq\":" + lastSeq
                + ",\"metrics\":{\"promptTokens\":0,\"completionTokens\":0,\"llmCalls\":0,\"llmLatencyMillis\":0}}";
    }

    private static ActionEvent action(String command) {
        return new ActionEvent("terminal", "c1", JsonNodeFactory.instance.objectNode().put("command", command), "",
                SecurityRisk.HIGH, null, null, SecurityRisk.HIGH,
                "lets everyone write a whole directory tree (chmod -R 777)");
    }

    private static ConversationEvent event(long seq, EventPayload payload) {
        return new ConversationEvent(UUID.randomUUID(), ID, seq, Instant.now(),
                payload instanceof ActionEvent ? EventSource.AGENT : EventSource.SYSTEM, payload);
    }

    @CommandLine.Command(name = "gantry")
    static final class Root {
    }
}
