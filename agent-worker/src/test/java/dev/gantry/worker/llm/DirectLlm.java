package dev.gantry.worker.llm;

import dev.gantry.contracts.llm.LlmProvider;
import dev.gantry.platform.net.AddressPolicy;
import dev.gantry.platform.net.OutboundHttpClient;
import dev.gantry.worker.llm.provider.ProviderOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;

/** The worker's LLM client as the application wires it, built by hand: no retries, no CDI. */
final class DirectLlm {

    private DirectLlm() {
    }

    /** The installation's options as the defaults leave them, with these fallback models. */
    static ProviderOptions options(List<String> fallbackModels) {
        return new ProviderOptions(fallbackModels, null, null, null, 8192, true, null, List.of(
                new ProviderOptions.Installed(LlmProvider.OPENAI, "https://api.openai.com/v1", null),
                new ProviderOptions.Installed(LlmProvider.ANTHROPIC, "https://api.anthropic.com/v1", null),
                new ProviderOptions.Installed(LlmProvider.GEMINI, "https://generativelanguage.googleapis.com/v1beta", null),
                new ProviderOptions.Installed(LlmProvider.OLLAMA, "http://localhost:11434", null)));
    }

    static LlmCaller caller(Vertx vertx, AddressPolicy policy, ProviderOptions options, MeterRegistry registry) {
        OutboundHttpClient http = new OutboundHttpClient(vertx, policy, Duration.ofSeconds(5),
                PinnedLlmHttpClient.MAX_ANSWER_BYTES);
        LlmMetrics metrics = new LlmMetrics(registry);
        return new LlmCaller(new ModelCall(new ChatModels(http, Duration.ofSeconds(10), options), metrics), options,
                metrics);
    }
}
