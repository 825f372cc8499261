package dev.gantry.worker.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.contracts.command.ConfirmationPolicy;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.worker.support.Conversation;
import dev.gantry.worker.support.WorkerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a conversation's events say when its LLM endpoint is refused or answers with an error. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class LlmEndpointTest {

    private static final String MARKER = "MARKER-5ecret-AKIA0000";
    /** The call and its six retries. */
    private static final int TRIES = 7;

    @Test
    void aCloudMetadataBaseUrlEndsTheRunWithAnErrorNamingBaseUrl() {
        Conversation conversation = new Conversation();

        conversation.start("Ask the metadata service.", new AgentSettings(conversation.model,
                "http://169.254.169.254/latest", "llm-key", 100, ConfirmationPolicy.NEVER, null));
        conversation.awaitStatus(ExecutionStatus.ERROR);

        assertThat(errors(conversation)).singleElement().satisfies(error -> assertThat(error.error())
                .contains("baseUrl resolves to a cloud metadata address: 169.254.169.254"));
        assertThat(conversation.lastStatusUpdate().reason()).contains("baseUrl");
    }

    @Test
    void anUpstreamErrorBodyNeverReachesTheEvents() {
        Conversation conversation = new Conversation();
        for (int i = 0; i < TRIES; i++) {
            conversation.script().raw(500, "text/plain", "internal page: token=" + MARKER);
        }

        conversation.start("Read the internal page.");
        conversation.awaitStatus(ExecutionStatus.ERROR);

        assertThat(errors(conversation)).singleElement().satisfies(error -> assertThat(error.error())
                .contains("HTTP 500").doesNotContain(MARKER));
        assertThat(conversation.events()).noneMatch(e -> e.toString().contains(MARKER));
    }

    private static List<AgentErrorEvent> errors(Conversation conversation) {
        return conversation.events().stream().map(ConversationEvent::payload)
                .filter(AgentErrorEvent.class::isInstance).map(AgentErrorEvent.class::cast).toList();
    }
}
