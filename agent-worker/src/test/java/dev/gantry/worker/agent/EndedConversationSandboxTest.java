package dev.gantry.worker.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.SandboxStatusUpdateEvent;
import dev.gantry.contracts.sandbox.SandboxStatus;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.worker.support.Conversation;
import dev.gantry.worker.support.WorkerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A conversation that has ended does not keep its sandbox running: after {@code sandbox-pause-after-end} the worker
 * pauses it (the runtime stops, the workspace stays), and the next message starts it again on the same workspace.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
@TestProfile(EndedConversationSandboxTest.ShortRest.class)
class EndedConversationSandboxTest {

    public static class ShortRest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gantry.worker.sandbox-pause-after-end", "2s");
        }
    }

    @Test
    void theSandboxOfAFinishedConversationIsPausedAndTheNextMessageResumesItOnTheSameWorkspace() {
        Conversation conversation = new Conversation();
        conversation.script()
                .toolCall("terminal", "{\"command\": \"echo kept > kept.txt\"}")
                .toolCall("finish", "{\"message\": \"written\"}")
                .toolCall("terminal", "{\"command\": \"cat kept.txt\"}")
                .toolCall("finish", "{\"message\": \"read it back\"}");
        conversation.start("Write a file.");
        conversation.awaitStatus(ExecutionStatus.FINISHED);
        assertThat(WorkerTestResource.sandboxes().running(conversation.sandboxId)).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> !WorkerTestResource.sandboxes().running(conversation.sandboxId));

        conversation.message("Now read it back.");
        await().atMost(Duration.ofSeconds(60)).until(() -> observations(conversation).size() == 4);
        conversation.awaitStatus(ExecutionStatus.FINISHED);
        assertThat(observations(conversation).get(2).content()).startsWith("kept\n");
        assertThat(observations(conversation)).noneMatch(ObservationEvent::error);
        assertThat(conversation.events().stream().map(ConversationEvent::payload)
                .filter(SandboxStatusUpdateEvent.class::isInstance).map(SandboxStatusUpdateEvent.class::cast)
                .map(SandboxStatusUpdateEvent::status).toList())
                .as("the user sees the sandbox was paused and started again").contains(SandboxStatus.RUNNING);
    }

    private static List<ObservationEvent> observations(Conversation conversation) {
        return conversation.events().stream().map(ConversationEvent::payload)
                .filter(ObservationEvent.class::isInstance).map(ObservationEvent.class::cast).toList();
    }
}
