package dev.gantry.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ObservationEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pause, resume, stop and follow-up messages, through the public API on the running platform. */
class ConversationControlTest {

    @Test
    void stopInterruptsACommandThatWouldRunForMinutes() {
        TestUser user = TestUser.create("stopper");
        String id = user.startConversation().getString("id");
        user.llm().toolCall("terminal", "{\"command\": \"sleep 100\"}");
        user.send(id, "sleep for a long time");
        awaitAction(user, id, "sleep 100");

        Instant stopAt = Instant.now();
        user.act(id, "stop");
        user.awaitStatus(id, "stopped");

        // well under the runtime's 30 s no-output timeout, after which a late C-c would also have ended it
        assertThat(Duration.between(stopAt, Instant.now())).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void pauseHoldsTheAgentBetweenStepsAndResumeGoesOnWhereItWas() throws InterruptedException {
        TestUser user = TestUser.create("pauser");
        String id = user.startConversation().getString("id");
        user.llm().toolCall("terminal", "{\"command\": \"sleep 2\"}")
                .toolCall("terminal", "{\"command\": \"echo after-pause\"}")
                .toolCall("finish", "{\"message\": \"done\"}");
        user.send(id, "sleep, then echo");
        awaitAction(user, id, "sleep 2");

        user.act(id, "pause");
        user.awaitStatus(id, "paused");
        int asked = user.llm().remaining();
        Thread.sleep(3000);
        assertThat(user.llm().remaining()).as("no LLM call while paused").isEqualTo(asked);
        assertThat(observations(user, id)).noneMatch(o -> o.content().contains("after-pause"));

        user.act(id, "resume");
        user.awaitStatus(id, "finished");
        assertThat(observations(user, id)).anyMatch(o -> o.content().contains("after-pause"));
    }

    @Test
    void aMessageAfterTheAgentFinishedStartsItAgain() {
        TestUser user = TestUser.create("follower");
        String id = user.startConversation().getString("id");
        user.llm().toolCall("finish", "{\"message\": \"nothing to do\"}");
        user.send(id, "do nothing");
        user.awaitStatus(id, "finished");

        user.llm().toolCall("terminal", "{\"command\": \"echo bye\"}").toolCall("finish", "{\"message\": \"said bye\"}");
        user.send(id, "now say bye");

        await().atMost(TestUser.AGENT_TIMEOUT).until(() -> observations(user, id).stream()
                .anyMatch(o -> o.content().contains("bye")));
        user.awaitStatus(id, "finished");
        assertThat(user.llm().remaining()).isZero();
    }

    static void awaitAction(TestUser user, String id, String command) {
        await().atMost(TestUser.AGENT_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> user.events(id)
                .stream().map(ConversationEvent::payload).anyMatch(p -> p instanceof ActionEvent action
                        && action.arguments().path("command").asText().equals(command)));
    }

    static List<ObservationEvent> observations(TestUser user, String id) {
        return user.events(id).stream().map(ConversationEvent::payload)
                .filter(ObservationEvent.class::isInstance).map(ObservationEvent.class::cast).toList();
    }
}
