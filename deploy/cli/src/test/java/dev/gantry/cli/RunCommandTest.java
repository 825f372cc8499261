package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.ObservationEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gantry run} against a gateway stand-in speaking the public API over real HTTP. */
class RunCommandTest {

    private static final UUID CONVERSATION = UUID.randomUUID();
    private static final Map<String, String> LLM = Map.of("GANTRY_LLM_BASE_URL", "http://llm.local/v1",
            "GANTRY_LLM_API_KEY", "sk-test-key", "GANTRY_LLM_MODEL", "gpt-4o");

    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> lastEventIds = Collections.synchronizedList(new ArrayList<>());
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private HttpServer gateway;

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    @Test
    void explainsWhichLlmVariablesToSetWhenNoneAre() {
        int exit = run(Map.of(), "create hello.py");

        assertThat(exit).isEqualTo(RunCommand.USAGE);
        assertThat(err.toString()).contains("GANTRY_LLM_BASE_URL, GANTRY_LLM_API_KEY, GANTRY_LLM_MODEL");
    }

    @Test
    void startsTheTaskFollowsItAcrossABrokenStreamAndExitsZeroWhenFinished() throws IOException {
        List<List<ConversationEvent>> streams = List.of(
                List.of(event(1, EventSource.USER, new MessageEvent("create hello.py")),
                        event(2, EventSource.AGENT, action("python3 hello.py")),
                        event(3, EventSource.ENVIRONMENT, new ObservationEvent(UUID.randomUUID(), "terminal", "c1",
                                "hello", 0, false))),
                // the stream broke after seq 3: the server replays from Last-Event-ID, one event twice
                List.of(event(3, EventSource.ENVIRONMENT, new ObservationEvent(UUID.randomUUID(), "terminal", "c1",
                                "hello", 0, false)),
                        event(4, EventSource.SYSTEM, ConversationStateUpdateEvent.status(ExecutionStatus.FINISHED))));
        startGateway(streams);

        int exit = run(LLM, "create hello.py");

        assertThat(exit).as(err.toString()).isEqualTo(RunCommand.FINISHED);
        assertThat(out.toString()).contains("conversation " + CONVERSATION, "you:   create hello.py",
                "$ python3 hello.py", "  hello", "status: finished");
        assertThat(out.toString().split("  hello", -1)).as("the replayed observation is printed once").hasSize(2);
        assertThat(lastEventIds).containsExactly("0", "3");
        assertThat(requests).contains(
                "POST /api/v1/secrets {\"name\":\"gantry-cli-llm-api-key\",\"value\":\"sk-test-key\"}",
                "POST /api/v1/settings {\"model\":\"gpt-4o\",\"baseUrl\":\"http://llm.local/v1\","
                        + "\"apiKeySecretName\":\"gantry-cli-llm-api-key\"}",
                "POST /api/v1/conversations {\"initialMessage\":\"create hello.py\"}");
    }

    @Test
    void replaysATrajectoryWithNoLlmAndPutsTheUsersModelBack(@TempDir Path dir) throws IOException {
        Path trajectory = dir.resolve("hello.json");
        Files.writeString(trajectory, "[{\"tool\": \"terminal\", \"arguments\": {\"command\": \"true\"}}]");
        startGateway(List.of(List.of(event(1, EventSource.SYSTEM,
                ConversationStateUpdateEvent.status(ExecutionStatus.FINISHED)))));

        int exit = run(Map.of(), "--replay", trajectory.toString());

        assertThat(exit).as(err.toString()).isEqualTo(RunCommand.FINISHED);
        assertThat(requests).containsExactly(
                "POST /api/v1/settings {\"model\":\"gantry/replay\"}",
                "POST /api/v1/conversations {\"title\":\"replay of hello.json\",\"initialMessage\":"
                        + "\"[{\\\"tool\\\": \\\"terminal\\\", \\\"arguments\\\": {\\\"command\\\": \\\"true\\\"}}]\"}",
                "POST /api/v1/settings {\"model\":\"gpt-4o\"}");
    }

    @Test
    void refusesATaskTogetherWithAReplay() {
        assertThat(run(LLM, "a task", "--replay", "x.json")).isEqualTo(RunCommand.USAGE);
        assertThat(err.toString()).contains("a TASK, or --replay FILE");
    }

    @Test
    void exitsNonZeroWhenTheAgentIsStuck() throws IOException {
        startGateway(List.of(List.of(event(1, EventSource.SYSTEM,
                new ConversationStateUpdateEvent(ExecutionStatus.STUCK, "same action repeated", null)))));

        assertThat(run(LLM, "loop forever")).isEqualTo(RunCommand.FAILED);
        assertThat(out.toString()).contains("ended: stuck");
    }

    @Test
    void saysWhatTheApiRejected() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", exchange -> respond(exchange, 401, "application/problem+json",
                "{\"type\":\"https://gantry.dev/problems/unauthorized\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"detail\":\"the token has expired\"}"));
        gateway.start();

        assertThat(run(LLM, "anything")).isEqualTo(RunCommand.FAILED);
        assertThat(err.toString()).contains("Unauthorized: the token has expired");
    }

    private int run(Map<String, String> environment, String... args) {
        String api = gateway == null ? "http://127.0.0.1:9" : "http://127.0.0.1:" + gateway.getAddress().getPort();
        List<String> arguments = new ArrayList<>(List.of("run", "--api", api, "--token", "test-token"));
        arguments.addAll(List.of(args));
        return GantryCli.commandLine(environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> "unused")
                .execute(arguments.toArray(String[]::new));
    }

    private void startGateway(List<List<ConversationEvent>> streams) throws IOException {
        AtomicInteger connections = new AtomicInteger();
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/api/v1/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            if (!"Bearer test-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "application/problem+json", "{}");
            } else if (path.endsWith("/events/stream")) {
                lastEventIds.add(exchange.getRequestHeaders().getFirst("Last-Event-ID"));
                stream(exchange, streams.get(Math.min(connections.getAndIncrement(), streams.size() - 1)));
            } else if (exchange.getRequestMethod().equals("GET") && path.equals("/api/v1/settings")) {
                respond(exchange, 200, "application/json", "{\"model\":\"gpt-4o\"}");
            } else {
                requests.add(exchange.getRequestMethod() + " " + path + " " + body);
                respond(exchange, 201, "application/json", "{\"id\":\"" + CONVERSATION + "\",\"status\":\"idle\"}");
            }
        });
        gateway.start();
    }

    private static void stream(HttpExchange exchange, List<ConversationEvent> events) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(": heartbeat\n\n".getBytes(StandardCharsets.UTF_8));
            for (ConversationEvent event : events) {
                body.write(("id: " + event.seq() + "\nevent: " + event.kind() + "\ndata: "
                        + GantryJson.mapper().writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static ConversationEvent event(long seq, EventSource source, EventPayload payload) {
        return new ConversationEvent(UUID.randomUUID(), CONVERSATION, seq, Instant.now(), source, payload);
    }

    private static ActionEvent action(String command) {
        return new ActionEvent("terminal", "c1", JsonNodeFactory.instance.objectNode().put("command", command), "",
                null, null);
    }
}
