package dev.gantry.worker.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.llm.ScriptedLlmServer;
import dev.gantry.worker.support.Conversation;
import dev.gantry.worker.support.WorkerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class ControlTest {

    @Test
    void pauseTakesEffectAfterTheCurrentStepAndResumeGoesOn() throws InterruptedException {
        Conversation conversation = new Conversation();
        conversation.script()
                .add(new ScriptedLlmServer.Reply.Completion(null, List.of(ScriptedLlmServer.ToolCall.of("think",
                        "{\"thought\": \"slow step\"}")), 100, 20, Optional.of(Duration.ofMillis(1500))))
                .toolCall("think", "{\"thought\": \"after the pause\"}")
                .toolCall("finish", "{\"message\": \"done\"}");

        conversation.start("Think twice.");
        await().atMost(Duration.ofSeconds(30)).until(() -> !WorkerTestResource.llm().requests(conversation.model).isEmpty());
        conversation.pause();
        conversation.awaitStatus(ExecutionStatus.PAUSED);
        Thread.sleep(500);
        assertThat(WorkerTestResource.llm().requests(conversation.model)).hasSize(1);

        conversation.resume();
        conversation.awaitStatus(ExecutionStatus.FINISHED);
        assertThat(conversation.kinds()).contains("PauseEvent");
        assertThat(statuses(conversation)).containsSubsequence(ExecutionStatus.RUNNING, ExecutionStatus.PAUSED,
                ExecutionStatus.RUNNING, ExecutionStatus.FINISHED);
    }

    @Test
    void stopInterruptsARunningSleep() {
        Conversation conversation = new Conversation();
        conversation.script()
                .toolCall("terminal", "{\"command\": \"echo ready\"}")
                .toolCall("terminal", "{\"command\": \"sleep 100\"}");

        conversation.start("Wait a long time.");
        conversation.awaitEvent(e -> e.payload() instanceof ActionEvent a && a.arguments().toString().contains("sleep 100"));
        Instant stopped = Instant.now();
        conversation.stop();
        conversation.awaitStatus(ExecutionStatus.STOPPED);

        assertThat(Duration.between(stopped, Instant.now())).isLessThan(Duration.ofSeconds(30));
        ObservationEvent sleep = conversation.events().stream().map(ConversationEvent::payload)
                .filter(ObservationEvent.class::isInstance).map(ObservationEvent.class::cast)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(sleep.exitCode()).isNotEqualTo(-1).isNotZero();
        assertThat(WorkerTestResource.llm().requests(conversation.model)).hasSize(2);
    }

    @Test
    void maxIterationsEndTheRunWithAnError() {
        Conversation conversation = new Conversation();
        for (int i = 0; i < 5; i++) {
            conversation.script().toolCall("think", "{\"thought\": \"step " + i + "\"}");
        }

        conversation.start("Think forever.", conversation.settings(conversation.model, 3, null));
        conversation.awaitStatus(ExecutionStatus.ERROR);

        assertThat(conversation.lastStatusUpdate().reason()).contains("limit of 3 steps");
        assertThat(WorkerTestResource.llm().requests(conversation.model)).hasSize(3);
    }

    @Test
    void rateLimitsAndServerErrorsOfTheLlmAreRetried() {
        Conversation conversation = new Conversation();
        conversation.script().failure(429).failure(503).toolCall("finish", "{\"message\": \"done\"}");

        conversation.start("Finish despite a busy LLM.");
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        assertThat(WorkerTestResource.llm().requests(conversation.model)).hasSize(3);
        assertThat(conversation.kinds()).doesNotContain("AgentErrorEvent");
    }

    @Test
    void aRefusedLlmRequestIsAnAgentErrorAndEndsTheRun() {
        Conversation conversation = new Conversation();
        conversation.script().failure(401);

        conversation.start("Use a wrong key.");
        conversation.awaitStatus(ExecutionStatus.ERROR);

        assertThat(WorkerTestResource.llm().requests(conversation.model)).hasSize(1);
        assertThat(conversation.events()).anyMatch(e -> e.payload() instanceof AgentErrorEvent error
                && error.toolCallId() == null);
    }

    @Test
    void aBudgetCapEndsTheRunWithAnError() {
        Conversation conversation = new Conversation();
        ScriptedLlmServer.Script script = WorkerTestResource.llm().script(WorkerTestResource.PRICED_MODEL);
        for (int i = 0; i < 5; i++) {
            script.toolCall("think", "{\"thought\": \"costly " + i + "\"}");
        }

        conversation.start("Spend.", conversation.settings(WorkerTestResource.PRICED_MODEL, 100,
                new java.math.BigDecimal("0.20")));
        conversation.awaitStatus(ExecutionStatus.ERROR);

        assertThat(conversation.lastStatusUpdate().reason()).contains("budget is $0.20");
        assertThat(WorkerTestResource.llm().requests(WorkerTestResource.PRICED_MODEL)).hasSize(2);
        assertThat(conversation.events().stream().map(ConversationEvent::payload)
                .filter(p -> p instanceof ConversationStateUpdateEvent u && u.metrics() != null)
                .map(p -> ((ConversationStateUpdateEvent) p).metrics()).reduce((a, b) -> b).orElseThrow().cost())
                .isEqualByComparingTo("0.24");
    }

    static List<ExecutionStatus> statuses(Conversation conversation) {
        return conversation.events().stream().map(ConversationEvent::payload)
                .filter(ConversationStateUpdateEvent.class::isInstance)
                .map(p -> ((ConversationStateUpdateEvent) p).status()).filter(Objects::nonNull).toList();
    }
}
