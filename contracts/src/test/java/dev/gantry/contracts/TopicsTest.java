package dev.gantry.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.contracts.Topics.TopicSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void listsEveryTopicOfTheArchitectureOnce() {
        assertThat(Topics.ALL).extracting(TopicSpec::name).containsExactly(
                "gantry.conversation-commands", "gantry.conversation-events",
                "gantry.sandbox-commands", "gantry.sandbox-status", "gantry.resolver-deliveries",
                "gantry.resolver-deliveries-failed");
    }

    @Test
    void conversationTopicsShareTheirPartitionCountSoCommandsAndEventsOfAConversationAlign() {
        assertThat(spec(Topics.CONVERSATION_COMMANDS).partitions())
                .isEqualTo(spec(Topics.CONVERSATION_EVENTS).partitions());
    }

    @Test
    void sandboxStatusIsCompactedToTheLatestStatePerSandbox() {
        assertThat(spec(Topics.SANDBOX_STATUS).configs()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void refusesATopicWithoutPartitions() {
        assertThatThrownBy(() -> new TopicSpec("t", 0, Map.of()))
                .hasMessageContaining("partitions must be at least 1");
    }

    private static TopicSpec spec(String name) {
        return Topics.ALL.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
