package dev.gantry.worker.llm;

import dev.gantry.platform.net.AddressPolicy;
import dev.gantry.platform.net.HostResolver;
import dev.gantry.worker.llm.provider.ProviderOptions;
import dev.gantry.worker.support.ScriptedWireServer;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the wire tests share: a scripted server, the worker's LLM client over it (loopback allowed, as locally),
 * and a two-step exchange: the agent is asked, calls the terminal, and is sent its result.
 */
final class WireFixture implements AutoCloseable {

    static final ToolSpecification TERMINAL = ToolSpecification.builder()
            .name("terminal")
            .description("Runs a shell command")
            .parameters(JsonObjectSchema.builder().addStringProperty("command", "the command").required("command").build())
            .build();

    final Vertx vertx = Vertx.vertx();
    final ScriptedWireServer server = ScriptedWireServer.start();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    LlmCaller caller(ProviderOptions options) {
        return DirectLlm.caller(vertx, new AddressPolicy(true, HostResolver.SYSTEM), options, registry);
    }

    LlmCaller caller() {
        return caller(DirectLlm.options(List.of()));
    }

    static List<ChatMessage> question() {
        return List.of(SystemMessage.from("You are a careful agent."), UserMessage.from("List the files."));
    }

    /** The question, the agent's call and the tool's result: what the second step sends. */
    static List<ChatMessage> afterTool(ToolExecutionRequest call, String result) {
        List<ChatMessage> messages = new ArrayList<>(question());
        messages.add(AiMessage.from("I will list the files.", List.of(call)));
        messages.add(ToolExecutionResultMessage.from(call, result));
        return messages;
    }

    @Override
    public void close() throws Exception {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
