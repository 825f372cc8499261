package dev.gantry.worker.risk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.contracts.command.ConfirmationPolicy;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.SecurityRisk;
import dev.gantry.worker.config.WorkerConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * An action's risk and whether it waits for the user. The LLM rates its own call ({@code security_risk}); the
 * worker's rule-based analyzer rates it too, whatever the LLM claims; the action's risk is the higher of the two.
 * Under the {@code risky} policy an action waits at {@code gantry.worker.risk.confirm-at} (MEDIUM) or above, and when
 * neither could rate it. The event keeps both ratings and the analyzer's reason.
 */
@Startup
@Singleton
public class RiskPolicy {

    private final SecurityRisk confirmAt;

    @Inject
    RiskPolicy(WorkerConfig config) {
        this(config.risk().confirmAt());
    }

    RiskPolicy(SecurityRisk confirmAt) {
        if (confirmAt == SecurityRisk.UNKNOWN) {
            throw new IllegalStateException("gantry.worker.risk.confirm-at must be LOW, MEDIUM or HIGH, was UNKNOWN");
        }
        this.confirmAt = confirmAt;
    }

    /** The action the LLM asked for, rated by the LLM and by the analyzer for the conversation's workspace. */
    public ActionEvent action(String toolName, String toolCallId, ObjectNode arguments, String thought,
            String llmResponseId, String workspace) {
        SecurityRisk claimed = claimed(arguments);
        Rating analyzed;
        try {
            analyzed = ActionAnalyzer.rate(toolName, arguments, workspace);
        } catch (RuntimeException e) {
            // fail closed: an action the rules cannot read is not taken for a harmless one
            // the exception's message may quote the arguments, which may hold a secret: only its type is logged
            Log.warnf("the risk analyzer could not read a %s call: %s", toolName, e.getClass().getSimpleName());
            analyzed = Rating.high("the analyzer could not read it");
        }
        return new ActionEvent(toolName, toolCallId, arguments, thought, Rating.higher(claimed, analyzed.risk()),
                llmResponseId, claimed, analyzed.risk(), analyzed.reason());
    }

    /** Whether the action waits for the user's confirmation under this policy. */
    public boolean needsConfirmation(ConfirmationPolicy policy, ActionEvent action) {
        return switch (policy) {
            case NEVER -> false;
            case ALWAYS -> true;
            case RISKY -> action.securityRisk() == SecurityRisk.UNKNOWN || action.securityRisk().compareTo(confirmAt) >= 0;
        };
    }

    private static SecurityRisk claimed(JsonNode arguments) {
        try {
            return SecurityRisk.valueOf(arguments.path("security_risk").asText("UNKNOWN").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return SecurityRisk.UNKNOWN;
        }
    }
}
