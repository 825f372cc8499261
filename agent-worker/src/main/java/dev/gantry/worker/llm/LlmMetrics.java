package dev.gantry.worker.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The LLM calls on {@code /q/metrics}, per model (as configured: {@code anthropic/claude-...}) and per user (the
 * conversation's owner): how long each call took and how it ended, why the failed ones failed, the tokens the
 * answered ones used, and when a fallback model was asked instead. Each attempt counts, retries included.
 */
@Singleton
public class LlmMetrics {

    /** The owner of a call that names none. */
    static final String NO_USER = "none";

    private final MeterRegistry registry;

    public LlmMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void answered(String model, String user, Duration took, long inputTokens, long outputTokens) {
        Tags tags = tags(model, user);
        calls(tags.and("outcome", "answered")).record(took);
        tokens(tags.and("type", "input")).increment(inputTokens);
        tokens(tags.and("type", "output")).increment(outputTokens);
    }

    void failed(String model, String user, Duration took, LlmErrorKind reason) {
        Tags tags = tags(model, user);
        calls(tags.and("outcome", "failed")).record(took);
        Counter.builder("gantry.worker.llm.errors")
                .description("LLM calls that failed, by reason (rate_limited, server_error, timeout, authentication...)")
                .tags(tags.and("reason", reason.tag()))
                .register(registry).increment();
    }

    /** What one answered call cost, in US dollars, when its model has a price. */
    public void spent(String model, String user, BigDecimal dollars) {
        Counter.builder("gantry.worker.llm.cost")
                .description("What the LLM calls cost, in US dollars, by the price table (models with a price only)")
                .baseUnit("dollars")
                .tags(tags(model, user))
                .register(registry).increment(dollars.doubleValue());
    }

    void fellBack(String model, String fallback, String user) {
        Counter.builder("gantry.worker.llm.fallbacks")
                .description("Times a fallback model was asked because the model before it failed for good")
                .tags(tags(model, user).and("fallback", fallback))
                .register(registry).increment();
    }

    private Timer calls(Tags tags) {
        return Timer.builder("gantry.worker.llm.calls")
                .description("LLM calls, each attempt from request to answer or failure")
                .tags(tags)
                .register(registry);
    }

    private Counter tokens(Tags tags) {
        return Counter.builder("gantry.worker.llm.tokens")
                .description("Tokens of the LLM calls that answered: input (the prompt) and output (the answer)")
                .tags(tags)
                .register(registry);
    }

    private static Tags tags(String model, String user) {
        return Tags.of("model", model, "user", user == null ? NO_USER : user);
    }
}
