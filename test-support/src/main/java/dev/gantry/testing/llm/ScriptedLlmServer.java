package dev.gantry.testing.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat completions server over real HTTP that answers from a script.
 * Each test scripts the replies for a model name of its own (the model the conversation is
 * configured with), so tests sharing one server do not take each other's replies.
 * Every request is recorded, so a test can assert what the LLM was sent.
 *
 * <pre>
 * ScriptedLlmServer llm = ScriptedLlmServer.start();
 * llm.script("model-of-test-1")
 *    .toolCall("terminal", "{\"command\": \"ls\"}")
 *    .text("done");
 * ... settings with baseUrl = llm.baseUrl(), model = "model-of-test-1" ...
 * llm.requests("model-of-test-1")   // the chat completion requests, as JSON
 * </pre>
 *
 * When a model's script is used up, the server answers with the text {@link #SCRIPT_ENDED}, or with what the
 * script's {@link Script#otherwise responder} gives for the request.
 */
public final class ScriptedLlmServer implements AutoCloseable {

    public static final String SCRIPT_ENDED = "(the script has no more replies)";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final AtomicLong responseIds = new AtomicLong();

    private ScriptedLlmServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server on a free port of the loopback interface. */
    public static ScriptedLlmServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ScriptedLlmServer llm = new ScriptedLlmServer(http);
            http.createContext("/v1/chat/completions", llm::handle);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.start();
            return llm;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the scripted LLM server", e);
        }
    }

    /** The OpenAI base URL to configure a client with, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The script of replies for requests naming this model; made empty on first use. */
    public Script script(String model) {
        return scripts.computeIfAbsent(model, m -> new Script());
    }

    /** The requests received for this model so far, oldest first. */
    public List<JsonNode> requests(String model) {
        return script(model).requests();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, error("only POST is answered"));
                return;
            }
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String model = request.path("model").asText();
            Script script = script(model);
            Reply reply = script.next(request, exchange.getRequestHeaders().getFirst("Authorization"));
            reply.delay().ifPresent(ScriptedLlmServer::sleep);
            switch (reply) {
                case Reply.Failure failure -> send(exchange, failure.status(), error(failure.message()));
                case Reply.Completion completion -> send(exchange, 200, completion(model, completion));
                case Reply.Raw raw -> send(exchange, raw.status(), raw.contentType(), raw.body().getBytes(StandardCharsets.UTF_8));
            }
            script.answered(System.nanoTime());
        }
    }

    private ObjectNode completion(String model, Reply.Completion reply) {
        ObjectNode body = JSON.createObjectNode()
                .put("id", "chatcmpl-" + responseIds.incrementAndGet())
                .put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", model);
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        if (reply.text() == null) {
            message.putNull("content");
        } else {
            message.put("content", reply.text());
        }
        if (!reply.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCall call : reply.toolCalls()) {
                calls.addObject()
                        .put("id", call.id())
                        .put("type", "function")
                        .set("function", JSON.createObjectNode()
                                .put("name", call.name())
                                .put("arguments", call.arguments()));
            }
        }
        body.putArray("choices").addObject()
                .put("index", 0)
                .put("finish_reason", reply.toolCalls().isEmpty() ? "stop" : "tool_calls")
                .set("message", message);
        ObjectNode usage = body.putObject("usage")
                .put("prompt_tokens", reply.promptTokens())
                .put("completion_tokens", reply.completionTokens())
                .put("total_tokens", reply.promptTokens() + reply.completionTokens());
        if (reply.cachedPromptTokens() > 0) {
            usage.putObject("prompt_tokens_details").put("cached_tokens", reply.cachedPromptTokens());
        }
        return body;
    }

    private static ObjectNode error(String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", "scripted_error");
        return body;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A tool call as the LLM makes it: {@code arguments} is the JSON text, valid or not. */
    public record ToolCall(String id, String name, String arguments) {

        public static ToolCall of(String name, String arguments) {
            return new ToolCall("call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16), name, arguments);
        }
    }

    /** One scripted answer. */
    public sealed interface Reply {

        Optional<Duration> delay();

        /**
         * A chat completion: text, tool calls, or both, with the token usage it reports.
         *
         * @param cachedPromptTokens how many of the prompt tokens it reports as served from a prompt cache
         */
        record Completion(String text, List<ToolCall> toolCalls, int promptTokens, int completionTokens,
                Optional<Duration> delay, int cachedPromptTokens) implements Reply {
            public Completion {
                toolCalls = List.copyOf(toolCalls);
            }

            public Completion(String text, List<ToolCall> toolCalls, int promptTokens, int completionTokens,
                    Optional<Duration> delay) {
                this(text, toolCalls, promptTokens, completionTokens, delay, 0);
            }
        }

        /** An HTTP error answer, such as 429 or 503. */
        record Failure(int status, String message, Optional<Duration> delay) implements Reply {
        }

        /** Any answer, in no OpenAI shape: what an endpoint that is not an LLM (a metadata service, an internal page) sends. */
        record Raw(int status, String contentType, String body, Optional<Duration> delay) implements Reply {
        }
    }

    /** The replies for one model, taken in order, and the requests that took them. */
    public static final class Script {

        /** The token usage every scripted completion reports unless told otherwise. */
        public static final int PROMPT_TOKENS = 100;
        public static final int COMPLETION_TOKENS = 20;

        private final Deque<Reply> replies = new ArrayDeque<>();
        private Function<JsonNode, Reply> otherwise;
        private boolean recording = true;
        private int received;
        private final List<JsonNode> requests = new ArrayList<>();
        private final List<Long> answeredAt = new ArrayList<>();
        private final List<String> authorizations = new ArrayList<>();

        /** Answers with a text and no tool call. */
        public Script text(String text) {
            return add(new Reply.Completion(text, List.of(), PROMPT_TOKENS, COMPLETION_TOKENS, Optional.empty()));
        }

        /** Answers with one tool call. */
        public Script toolCall(String name, String arguments) {
            return toolCalls(null, ToolCall.of(name, arguments));
        }

        /** Answers with a text beside one or more tool calls, made in one response. */
        public Script toolCalls(String thought, ToolCall... calls) {
            return add(new Reply.Completion(thought, List.of(calls), PROMPT_TOKENS, COMPLETION_TOKENS, Optional.empty()));
        }

        /** Answers with an HTTP error. */
        public Script failure(int status) {
            return add(new Reply.Failure(status, "scripted failure " + status, Optional.empty()));
        }

        /** Answers with this status and body, as they are. */
        public Script raw(int status, String contentType, String body) {
            return add(new Reply.Raw(status, contentType, body, Optional.empty()));
        }

        /** Adds any reply, e.g. one with a delay or a chosen token usage. */
        public synchronized Script add(Reply reply) {
            replies.addLast(reply);
            return this;
        }

        /** Answers each request that finds no scripted reply left with what this gives for it. */
        public synchronized Script otherwise(Function<JsonNode, Reply> responder) {
            this.otherwise = responder;
            return this;
        }

        /**
         * Stops keeping the requests (a long benchmark's would fill the heap); {@link #received()} still counts
         * them, and a responder still reads each one.
         */
        public synchronized Script withoutRecording() {
            recording = false;
            return this;
        }

        /** How many requests this script has taken. */
        public synchronized int received() {
            return received;
        }

        /** How many scripted replies are still to be taken. */
        public synchronized int remaining() {
            return replies.size();
        }

        synchronized Reply next(JsonNode request, String authorization) {
            received++;
            if (recording) {
                requests.add(request);
                authorizations.add(authorization);
            }
            Reply reply = replies.pollFirst();
            if (reply != null) {
                return reply;
            }
            return otherwise != null ? otherwise.apply(request) : new Reply.Completion(SCRIPT_ENDED, List.of(),
                    PROMPT_TOKENS, COMPLETION_TOKENS, Optional.empty());
        }

        synchronized List<JsonNode> requests() {
            return List.copyOf(requests);
        }

        /** The Authorization header of each request, in order (null where there was none). */
        public synchronized List<String> authorizations() {
            return new ArrayList<>(authorizations);
        }

        /** When each answer was sent, by {@link System#nanoTime()}, in order: for latency measurements. */
        public synchronized List<Long> answeredAt() {
            return List.copyOf(answeredAt);
        }

        synchronized void answered(long nanoTime) {
            if (recording) {
                answeredAt.add(nanoTime);
            }
        }
    }
}
