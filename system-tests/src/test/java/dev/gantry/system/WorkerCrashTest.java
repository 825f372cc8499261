package dev.gantry.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.UserRejectObservation;
import dev.gantry.system.platform.Platform;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The event log is the truth: a worker killed mid-conversation is replaced and nothing is lost or doubled, and the
 * action it was running when killed is not run a second time (the runtime answers the new owner's repeat of it).
 */
class WorkerCrashTest {

    @Test
    void aConversationFinishesAfterItsWorkerIsKilledMidCommandWithNoEventLostOrDoubled() throws Exception {
        TestUser user = TestUser.create("crash");
        String id = user.startConversation().getString("id");
        // each step appends a line to a file of the workspace: the last one shows how often each ran
        user.llm().toolCall("terminal", "{\"command\": \"sleep 3 && echo slept >> steps.log && echo slept\"}")
                .toolCall("terminal", "{\"command\": \"echo second >> steps.log && cat steps.log\"}")
                .toolCall("finish", "{\"message\": \"done\"}");
        user.send(id, "sleep, then echo");
        ConversationControlTest.awaitAction(user, id, "sleep 3 && echo slept >> steps.log && echo slept");

        Platform.get().crashAndRestart("agent-worker");
        user.awaitStatus(id, "finished");

        List<ConversationEvent> events = user.events(id);
        assertThat(events).extracting(ConversationEvent::seq).as("gap-free seq, none doubled")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events).extracting(ConversationEvent::id).doesNotHaveDuplicates();
        Map<String, Long> answersPerCall = events.stream().map(ConversationEvent::payload)
                .map(WorkerCrashTest::answeredCall).filter(java.util.Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        List<String> calls = events.stream().map(ConversationEvent::payload).filter(ActionEvent.class::isInstance)
                .map(p -> ((ActionEvent) p).toolCallId()).toList();
        assertThat(calls).doesNotHaveDuplicates();
        for (String call : calls) {
            assertThat(answersPerCall.get(call)).as("answers to tool call %s", call).isEqualTo(1L);
        }
        assertThat(ConversationControlTest.observations(user, id)).as("each step ran exactly once, the interrupted one too")
                .anyMatch(o -> o.content().startsWith("slept\nsecond\n"));
    }

    private static String answeredCall(Object payload) {
        return switch (payload) {
            case ObservationEvent observation -> observation.toolCallId();
            case UserRejectObservation rejection -> rejection.toolCallId();
            case AgentErrorEvent error -> error.toolCallId();
            default -> null;
        };
    }
}
