package dev.gantry.worker.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.SandboxStatusUpdateEvent;
import dev.gantry.contracts.sandbox.SandboxStatus;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.llm.ScriptedLlmServer;
import dev.gantry.worker.support.Conversation;
import dev.gantry.worker.support.WorkerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The sandbox is paused under a conversation, as the idle reaper (or a user) pauses it: the agent gets it
 * back on the same workspace and every step runs.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class SandboxResumeTest {

    /** How long the LLM "thinks" before its second step: the test pauses the sandbox meanwhile. */
    static final Duration THINKING = Duration.ofSeconds(3);

    @Test
    void aSandboxPausedMidRunIsResumedAndTheStepThatFoundItPausedRunsOnTheSameWorkspace() {
        Conversation conversation = new Conversation();
        conversation.script()
                .toolCall("terminal", "{\"command\": \"echo one > notes.txt\"}")
                .add(new ScriptedLlmServer.Reply.Completion(null, List.of(ScriptedLlmServer.ToolCall.of("terminal",
                        "{\"command\": \"echo two >> notes.txt && cat notes.txt\"}")), 100, 20, Optional.of(THINKING)))
                .toolCall("finish", "{\"message\": \"both lines written\"}");

        conversation.start("Write two lines.");
        conversation.awaitEvent(e -> e.payload() instanceof ObservationEvent);
        WorkerTestResource.sandboxes().pause(conversation.sandboxId);
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        List<ObservationEvent> observations = observations(conversation);
        assertThat(observations).hasSize(3).noneMatch(ObservationEvent::error);
        assertThat(observations.get(1).content()).startsWith("one\ntwo\n");
        assertThat(errors(conversation)).isEmpty();
        assertThat(sandboxUpdates(conversation)).containsExactly(SandboxStatus.PAUSED, SandboxStatus.RUNNING);
        assertThat(conversation.kinds()).containsSubsequence("ObservationEvent", "ActionEvent",
                "SandboxStatusUpdateEvent", "SandboxStatusUpdateEvent", "ObservationEvent");
    }

    @Test
    void aMessageToAConversationWhoseSandboxWasPausedResumesItAndTheAgentGoesOn() {
        Conversation conversation = new Conversation();
        conversation.script()
                .toolCall("terminal", "{\"command\": \"echo kept > kept.txt\"}")
                .text("Written.")
                .toolCall("terminal", "{\"command\": \"cat kept.txt\"}")
                .toolCall("finish", "{\"message\": \"read it back\"}");
        conversation.start("Write a file.");
        conversation.awaitStatus(ExecutionStatus.IDLE);

        WorkerTestResource.sandboxes().pause(conversation.sandboxId);
        conversation.message("Now read it back.");
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        List<ObservationEvent> observations = observations(conversation);
        assertThat(observations).hasSize(3).noneMatch(ObservationEvent::error);
        assertThat(observations.get(1).content()).startsWith("kept\n");
        assertThat(errors(conversation)).isEmpty();
        assertThat(sandboxUpdates(conversation)).containsExactly(SandboxStatus.PAUSED, SandboxStatus.RUNNING);
    }

    @Test
    void aSandboxLostWhileACommandRanEndsTheRunWithAnErrorNotAFinish() {
        Conversation conversation = new Conversation();
        conversation.script()
                .toolCall("terminal", "{\"command\": \"touch started && sleep 30\", \"timeout\": 60}")
                .toolCall("finish", "{\"message\": \"must not be reached\"}");

        conversation.start("Wait a while.");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(conversation.workspace().resolve("started")));
        WorkerTestResource.sandboxes().pause(conversation.sandboxId);
        conversation.awaitStatus(ExecutionStatus.ERROR);

        assertThat(errors(conversation)).singleElement().satisfies(error -> assertThat(error.error())
                .contains("stopped answering during the call").contains("may or may not have run"));
        assertThat(conversation.lastStatusUpdate().reason()).contains("may or may not have run");
        assertThat(conversation.kinds()).doesNotContain("ObservationEvent");
    }

    private static List<ObservationEvent> observations(Conversation conversation) {
        return conversation.events().stream().map(ConversationEvent::payload)
                .filter(ObservationEvent.class::isInstance).map(ObservationEvent.class::cast).toList();
    }

    private static List<AgentErrorEvent> errors(Conversation conversation) {
        return conversation.events().stream().map(ConversationEvent::payload)
                .filter(AgentErrorEvent.class::isInstance).map(AgentErrorEvent.class::cast).toList();
    }

    private static List<SandboxStatus> sandboxUpdates(Conversation conversation) {
        return conversation.events().stream().map(ConversationEvent::payload)
                .filter(SandboxStatusUpdateEvent.class::isInstance).map(SandboxStatusUpdateEvent.class::cast)
                .map(SandboxStatusUpdateEvent::status).toList();
    }
}
