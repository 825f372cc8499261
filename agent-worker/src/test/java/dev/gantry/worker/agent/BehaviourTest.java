package dev.gantry.worker.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.command.ConfirmationPolicy;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.SecurityRisk;
import dev.gantry.contracts.event.UserRejectObservation;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.llm.ScriptedLlmServer;
import dev.gantry.worker.support.Conversation;
import dev.gantry.worker.support.WorkerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Confirmation mode, stuck detection, replay and the task tracker. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class BehaviourTest {

    @Test
    void anAcceptedActionRunsAfterTheUserConfirms() throws Exception {
        Conversation conversation = new Conversation(ConfirmationPolicy.ALWAYS);
        String file = conversation.workspace().resolve("confirmed.txt").toString();
        conversation.script()
                .toolCall("terminal", "{\"command\": \"echo yes > " + file + "\", \"security_risk\": \"LOW\"}")
                .toolCall("finish", "{\"message\": \"done\"}");

        conversation.start("Write a file.");
        conversation.awaitStatus(ExecutionStatus.WAITING_FOR_CONFIRMATION);
        assertThat(conversation.kinds()).doesNotContain("ObservationEvent");
        assertThat(AgentLoopTest.actions(conversation.events()).get(0).securityRisk()).isEqualTo(SecurityRisk.LOW);

        conversation.confirm(true, null);
        conversation.awaitStatus(ExecutionStatus.FINISHED);
        assertThat(Files.readString(conversation.workspace().resolve("confirmed.txt"))).contains("yes");
        assertThat(WorkerTestResource.llm().requests(conversation.model).get(0).toString()).contains("security_risk");
    }

    @Test
    void aRejectedRiskyActionGoesBackToTheLlmAsARejection() {
        Conversation conversation = new Conversation(ConfirmationPolicy.RISKY);
        conversation.script()
                .toolCall("terminal", "{\"command\": \"ls\", \"security_risk\": \"LOW\"}")
                .toolCall("terminal", "{\"command\": \"rm -rf /\", \"security_risk\": \"HIGH\"}")
                .toolCall("finish", "{\"message\": \"I will not delete anything.\"}");

        conversation.start("Clean up.");
        conversation.awaitStatus(ExecutionStatus.WAITING_FOR_CONFIRMATION);
        assertThat(conversation.kinds()).containsOnlyOnce("ObservationEvent");

        conversation.confirm(false, "far too dangerous");
        conversation.awaitStatus(ExecutionStatus.FINISHED);
        assertThat(conversation.events()).anyMatch(e -> e.payload() instanceof UserRejectObservation r
                && r.rejectionReason().equals("far too dangerous"));
        assertThat(WorkerTestResource.llm().requests(conversation.model).get(2).toString())
                .contains("The user rejected this action").contains("far too dangerous");
    }

    @Test
    void theSameActionWithTheSameObservationFourTimesIsStuck() {
        Conversation conversation = new Conversation();
        for (int i = 0; i < 5; i++) {
            conversation.script().toolCall("think", "{\"thought\": \"again\"}");
        }
        conversation.start("Loop.");
        conversation.awaitStatus(ExecutionStatus.STUCK);
        assertThat(conversation.lastStatusUpdate().reason()).startsWith("repeated_action_and_observation");
        assertThat(WorkerTestResource.llm().requests(conversation.model)).hasSize(4);
    }

    @Test
    void theSameActionFailingThreeTimesIsStuck() {
        Conversation conversation = new Conversation();
        for (int i = 0; i < 4; i++) {
            conversation.script().toolCall("think", "{\"idea\": \"no thought argument\"}");
        }
        conversation.start("Fail.");
        conversation.awaitStatus(ExecutionStatus.STUCK);
        assertThat(conversation.lastStatusUpdate().reason()).startsWith("repeated_action_error");
        assertThat(WorkerTestResource.llm().requests(conversation.model)).hasSize(3);
    }

    @Test
    void threeAgentMessagesInARowAreAMonologue() {
        Conversation conversation = new Conversation();
        conversation.script().text("one").text("two").text("three").text("four");
        conversation.start("Talk.");
        for (String said : new String[] {"one", "two", "three"}) {
            conversation.awaitEvent(e -> e.payload() instanceof MessageEvent m && m.content().equals(said));
            conversation.awaitStatus(ExecutionStatus.IDLE);
            conversation.resume();
        }
        conversation.awaitStatus(ExecutionStatus.STUCK);
        assertThat(conversation.lastStatusUpdate().reason()).startsWith("monologue");
    }

    @Test
    void alternatingBetweenTwoActionsSixTimesIsStuck() {
        Conversation conversation = new Conversation();
        for (int i = 0; i < 7; i++) {
            conversation.script().toolCall("think", "{\"thought\": \"" + (i % 2 == 0 ? "left" : "right") + "\"}");
        }
        conversation.start("Dither.");
        conversation.awaitStatus(ExecutionStatus.STUCK);
        assertThat(conversation.lastStatusUpdate().reason()).startsWith("alternating_actions");
        assertThat(WorkerTestResource.llm().requests(conversation.model)).hasSize(6);
    }

    @Test
    void contextWindowErrorsInARowAreStuck() {
        Conversation conversation = new Conversation();
        for (int i = 0; i < 4; i++) {
            conversation.script().add(new ScriptedLlmServer.Reply.Failure(400,
                    "This model's maximum context length is 8192 tokens (context_length_exceeded)", Optional.empty()));
        }
        conversation.start("Overflow.");
        conversation.awaitStatus(ExecutionStatus.STUCK);
        assertThat(conversation.lastStatusUpdate().reason()).startsWith("context_window_errors");
    }

    @Test
    void aRecordedTrajectoryIsReplayedForRealWithoutAnLlm() throws Exception {
        Conversation conversation = new Conversation();
        String file = conversation.workspace().resolve("replayed.txt").toString();
        String trajectory = """
                [{"tool": "file_editor", "arguments": {"command": "create", "path": "%s", "file_text": "replayed\\n"}},
                 {"tool": "terminal", "arguments": {"command": "cat %s"}}]""".formatted(file, file);

        conversation.start(trajectory, conversation.settings(Replay.MODEL));
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        assertThat(AgentLoopTest.actions(conversation.events())).extracting(a -> a.toolName())
                .containsExactly("file_editor", "terminal", "finish");
        assertThat(AgentLoopTest.observationOf(conversation.events(), "terminal").content()).contains("replayed");
        assertThat(Files.readString(conversation.workspace().resolve("replayed.txt"))).isEqualTo("replayed\n");
        assertThat(WorkerTestResource.llm().requests(Replay.MODEL)).isEmpty();
    }

    @Test
    void theTaskTrackerKeepsThePlanInTheConversation() {
        Conversation conversation = new Conversation();
        conversation.script()
                .toolCall("task_tracker", """
                        {"command": "plan", "task_list": [{"title": "read the code", "status": "done"},
                                                          {"title": "fix the bug", "status": "in_progress", "notes": "in app.py"}]}""")
                .toolCall("task_tracker", "{\"command\": \"view\"}")
                .toolCall("finish", "{\"message\": \"planned\"}");

        conversation.start("Plan.");
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        ObservationEvent view = conversation.events().stream().map(ConversationEvent::payload)
                .filter(p -> p instanceof ObservationEvent o && o.toolName().equals("task_tracker"))
                .map(ObservationEvent.class::cast).reduce((a, b) -> b).orElseThrow();
        assertThat(view.content()).contains("1. [done] read the code").contains("2. [in_progress] fix the bug — in app.py");
    }
}
