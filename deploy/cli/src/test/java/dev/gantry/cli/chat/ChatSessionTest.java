package dev.gantry.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.SecurityRisk;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChatSessionTest {

    private static final UUID CONVERSATION = UUID.randomUUID();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void asksAboutTheStepsActionsWithTheirRiskWhenTheAgentWaits() {
        ChatSession session = new ChatSession(out, ExecutionStatus.RUNNING, 0);

        session.accept(event(1, action("mkdir shared && chmod -R 777 shared", SecurityRisk.HIGH,
                "lets everyone write a whole directory tree (chmod -R 777)")));
        assertThat(session.awaitingAnswer()).isFalse();
        session.accept(event(2, ConversationStateUpdateEvent.status(ExecutionStatus.WAITING_FOR_CONFIRMATION)));

        assertThat(session.awaitingAnswer()).isTrue();
        assertThat(printed.toString()).contains("$ mkdir shared && chmod -R 777 shared",
                "the agent asks before it acts:\n  $ mkdir shared && chmod -R 777 shared\n"
                        + "     risk: high (lets everyone write a whole directory tree (chmod -R 777))\nallow it? [y/n] ");
    }

    @Test
    void anAnswerSentEndsTheQuestionUntilTheAgentAsksAgain() {
        ChatSession session = new ChatSession(out, ExecutionStatus.RUNNING, 0);
        ConversationEvent first = event(1, action("chmod -R 777 a", SecurityRisk.HIGH, null));
        session.accept(first);
        session.accept(event(2, ConversationStateUpdateEvent.status(ExecutionStatus.WAITING_FOR_CONFIRMATION)));

        session.answerSent();
        assertThat(session.awaitingAnswer()).isFalse();

        session.accept(event(3, ConversationStateUpdateEvent.status(ExecutionStatus.RUNNING)));
        session.accept(event(4, new ObservationEvent(first.id(), "terminal", "c1", "done", 0, false)));
        session.accept(event(5, action("chmod -R 777 b", SecurityRisk.HIGH, null)));
        session.accept(event(6, ConversationStateUpdateEvent.status(ExecutionStatus.WAITING_FOR_CONFIRMATION)));

        assertThat(session.awaitingAnswer()).isTrue();
        assertThat(printed.toString().split("allow it\\?", -1)).hasSize(3);
        assertThat(printed.toString().substring(printed.toString().lastIndexOf("asks before")))
                .contains("$ chmod -R 777 b").doesNotContain("777 a");
    }

    @Test
    void historyIsPrintedButOnlyTheQuestionStillOpenIsAsked() {
        ChatSession session = new ChatSession(out, ExecutionStatus.WAITING_FOR_CONFIRMATION, 5);
        ConversationEvent old = event(1, action("chmod -R 777 old", SecurityRisk.HIGH, null));
        session.accept(old);
        session.accept(event(2, ConversationStateUpdateEvent.status(ExecutionStatus.WAITING_FOR_CONFIRMATION)));
        session.accept(event(3, new ObservationEvent(old.id(), "terminal", "c1", "ok", 0, false)));
        session.accept(event(4, action("chmod -R 777 new", SecurityRisk.HIGH, null)));
        assertThat(printed.toString()).doesNotContain("allow it?");

        session.accept(event(5, ConversationStateUpdateEvent.status(ExecutionStatus.WAITING_FOR_CONFIRMATION)));

        assertThat(printed.toString().split("allow it\\?", -1)).hasSize(2);
        assertThat(printed.toString().substring(printed.toString().indexOf("asks before"))).contains("777 new")
                .doesNotContain("777 old");
    }

    @Test
    void severalActionsAreNumberedAndAllowedTogether() {
        ChatSession session = new ChatSession(out, ExecutionStatus.RUNNING, 0);
        session.accept(event(1, action("rm -r build", SecurityRisk.MEDIUM, "deletes a directory tree (rm -r build)")));
        session.accept(event(2, action("ls", SecurityRisk.LOW, null)));
        session.accept(event(3, ConversationStateUpdateEvent.status(ExecutionStatus.WAITING_FOR_CONFIRMATION)));

        assertThat(printed.toString()).contains("the agent asks before 2 actions:", "  1. $ rm -r build\n"
                + "     risk: medium (deletes a directory tree (rm -r build))", "  2. $ ls\n     risk: low",
                "allow them all? [y/n] ");
    }

    @Test
    void anAgentsEscapeSequencesNeverReachTheTerminal() {
        ChatSession session = new ChatSession(out, ExecutionStatus.RUNNING, 0);

        session.accept(event(1, action("echo \u001b]0;owned\u0007 \u001b[2J", SecurityRisk.LOW, null)));

        assertThat(printed.toString()).doesNotContain("\u001b").contains("$ echo ?]0;owned? ?[2J");
    }

    private static ActionEvent action(String command, SecurityRisk risk, String reason) {
        return new ActionEvent("terminal", "c-" + UUID.randomUUID(), JsonNodeFactory.instance.objectNode()
                .put("command", command), "", risk, null, null, risk, reason);
    }

    private static ConversationEvent event(long seq, EventPayload payload) {
        return new ConversationEvent(UUID.randomUUID(), CONVERSATION, seq, Instant.now(),
                payload instanceof ActionEvent ? EventSource.AGENT : EventSource.SYSTEM, payload);
    }
}
