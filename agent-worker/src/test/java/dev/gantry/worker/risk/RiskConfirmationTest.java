package dev.gantry.worker.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.command.ConfirmationPolicy;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.SecurityRisk;
import dev.gantry.contracts.event.UserRejectObservation;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.worker.support.Conversation;
import dev.gantry.worker.support.WorkerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker's own rating decides confirmation in a running conversation, whatever the LLM claims. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class RiskConfirmationTest {

    @Test
    void anRmRfOfTheHomeDirectoryClaimedLowWaitsForConfirmationUnderTheRiskyPolicy() {
        Conversation conversation = new Conversation(ConfirmationPolicy.RISKY);
        conversation.script()
                .toolCall("terminal", "{\"command\": \"echo tidy\", \"security_risk\": \"LOW\"}")
                .toolCall("terminal", "{\"command\": \"rm -rf ~\", \"security_risk\": \"LOW\"}")
                .toolCall("finish", "{\"message\": \"Left the home directory alone.\"}");

        conversation.start("Tidy up.");
        conversation.awaitStatus(ExecutionStatus.WAITING_FOR_CONFIRMATION);

        List<ActionEvent> actions = actions(conversation);
        assertThat(actions).hasSize(2);
        assertThat(actions.get(0).securityRisk()).isEqualTo(SecurityRisk.LOW);
        ActionEvent wipe = actions.get(1);
        assertThat(wipe.llmRisk()).isEqualTo(SecurityRisk.LOW);
        assertThat(wipe.analyzerRisk()).isEqualTo(SecurityRisk.HIGH);
        assertThat(wipe.securityRisk()).isEqualTo(SecurityRisk.HIGH);
        assertThat(wipe.riskReason()).isEqualTo("deletes the home directory (rm -r ~)");
        // the LOW action ran without asking; the wipe did not run
        assertThat(conversation.events().stream().filter(e -> e.payload() instanceof ObservationEvent)).hasSize(1);

        conversation.confirm(false, "never delete the home directory");
        conversation.awaitStatus(ExecutionStatus.FINISHED);
        assertThat(conversation.events()).anyMatch(e -> e.payload() instanceof UserRejectObservation r
                && r.toolCallId().equals(wipe.toolCallId()));
        assertThat(conversation.events().stream().filter(e -> e.payload() instanceof ObservationEvent o
                && o.toolName().equals("terminal"))).hasSize(1);
        assertThat(WorkerTestResource.llm().requests(conversation.model).get(2).toString())
                .contains("never delete the home directory");
    }

    private static List<ActionEvent> actions(Conversation conversation) {
        return conversation.events().stream().map(ConversationEvent::payload).filter(ActionEvent.class::isInstance)
                .map(ActionEvent.class::cast).toList();
    }
}
