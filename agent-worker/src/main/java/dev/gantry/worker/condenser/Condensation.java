package dev.gantry.worker.condenser;

import dev.gantry.contracts.event.CondensationEvent;
import dev.gantry.worker.llm.LlmReply;
import java.util.Optional;

/**
 * A condensation to write, and the LLM call that summarized it, whose tokens and cost the conversation's metrics
 * count like any other call.
 */
public record Condensation(CondensationEvent event, Optional<LlmReply> summaryCall) {
}
