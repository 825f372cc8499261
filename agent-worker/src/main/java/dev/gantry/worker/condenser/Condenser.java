package dev.gantry.worker.condenser;

import dev.gantry.contracts.command.CondenserMode;
import dev.gantry.contracts.command.CondenserSettings;
import dev.gantry.contracts.event.CondensationEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.worker.llm.LlmFailureException;
import dev.gantry.worker.llm.LlmReply;
import dev.gantry.worker.llm.LlmSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Decides, before each LLM call, whether the history the agent would send must be condensed: when the view holds
 * more than {@code maxSize} events, or when the LLM's latest answer was that the context is too long. The
 * condensation forgets the middle of the view ({@link Forgetting}) and, in {@code llm} mode, carries the LLM's
 * summary of it; a summary the LLM fails to write leaves a condensation without one, so the run goes on.
 */
@ApplicationScoped
public class Condenser {

    private final CondenserConfig config;
    private final Summarizer summarizer;

    Condenser(CondenserConfig config, Summarizer summarizer) {
        this.config = config;
        this.summarizer = summarizer;
    }

    /** A misconfigured installation stops the worker at start, naming the setting. */
    void check(@Observes StartupEvent start) {
        if (config.maxSize() < CondenserSettings.MIN_MAX_SIZE) {
            throw new IllegalStateException("gantry.worker.condenser.max-size must be at least "
                    + CondenserSettings.MIN_MAX_SIZE + ", was " + config.maxSize());
        }
        if (config.keepFirst() < 0 || !CondenserSettings.leavesRoom(config.maxSize(), config.keepFirst())) {
            throw new IllegalStateException("gantry.worker.condenser.keep-first must be at least 0 and less than"
                    + " max-size / 2 - 1 (" + (config.maxSize() / 2 - 1) + "), was " + config.keepFirst());
        }
        if (config.maxEventChars() < 1) {
            throw new IllegalStateException("gantry.worker.condenser.max-event-chars must be at least 1, was "
                    + config.maxEventChars());
        }
    }

    /**
     * The condensation the view needs before the next LLM call, if any.
     *
     * @param chosen the conversation's condenser settings, null for the installation's
     * @param llm    the conversation's LLM, resolved only when a summary is asked for
     */
    public Optional<Condensation> due(ContextView view, CondenserSettings chosen, Supplier<LlmSettings> llm) {
        CondenserPolicy policy = CondenserPolicy.of(config, chosen);
        if (policy.mode() == CondenserMode.OFF) {
            return Optional.empty();
        }
        boolean requested = view.condensationRequested();
        if (!requested && view.size() <= policy.maxSize()) {
            return Optional.empty();
        }
        Optional<Forgetting> forgetting = Forgetting.plan(view.events(), policy, requested);
        if (forgetting.isEmpty()) {
            return Optional.empty();
        }
        List<ConversationEvent> forgotten = forgetting.get().of(view.events());
        List<UUID> ids = forgotten.stream().map(ConversationEvent::id).toList();
        if (policy.mode() == CondenserMode.RECENT_EVENTS_ONLY) {
            return Optional.of(new Condensation(new CondensationEvent(ids, null, null), Optional.empty()));
        }
        try {
            LlmReply reply = summarizer.summarize(forgotten, llm.get());
            String summary = reply.message().text();
            boolean written = summary != null && !summary.isBlank();
            return Optional.of(new Condensation(new CondensationEvent(ids, written ? summary.strip() : null,
                    written ? forgetting.get().start() : null), Optional.of(reply)));
        } catch (LlmFailureException e) {
            Log.warnf("the summary of %d forgotten events failed, they are forgotten without one: %s", ids.size(),
                    e.getMessage());
            return Optional.of(new Condensation(new CondensationEvent(ids, null, null), Optional.empty()));
        }
    }
}
