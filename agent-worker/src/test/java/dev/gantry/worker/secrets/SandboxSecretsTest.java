package dev.gantry.worker.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.contracts.command.ConfirmationPolicy;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.auth.TestCallers;
import dev.gantry.worker.support.Conversation;
import dev.gantry.worker.support.WorkerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The secrets a conversation gives its sandbox reach the agent's shell, and their values reach no event:
 * not the observations, not the topic, not the event-store, not the LLM.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class SandboxSecretsTest {

    @Test
    void aSecretTheAgentPrintsIsMaskedInEveryEventAndNowhereStored() throws Exception {
        Conversation conversation = new Conversation();
        String token = "tok-" + UUID.randomUUID();
        String regexy = "a.b*c+(d)[e]{2}$^|\\x?";
        WorkerTestResource.platform().secret(conversation.id, "MY_TOKEN", token);
        WorkerTestResource.platform().secret(conversation.id, "REGEX_TOKEN", regexy);
        String file = conversation.workspace().resolve("token.txt").toString();
        conversation.script()
                .toolCall("terminal", "{\"command\": \"echo $MY_TOKEN\"}")
                // the value leaves the shell in two writes, a while apart
                .toolCall("terminal", "{\"command\": \"printf '%s' \\\"${MY_TOKEN:0:7}\\\"; sleep 0.5;"
                        + " printf '%s\\\\n' \\\"${MY_TOKEN:7}\\\"\"}")
                .toolCall("terminal", "{\"command\": \"echo \\\"[$REGEX_TOKEN]\\\" && echo $MY_TOKEN > " + file + "\"}")
                .toolCall("file_editor", "{\"command\": \"view\", \"path\": \"" + file + "\"}")
                .toolCall("finish", "{\"message\": \"printed it\"}");

        conversation.start("Print the token.", new AgentSettings(conversation.model,
                WorkerTestResource.llm().baseUrl(), "llm-key", 100, ConfirmationPolicy.NEVER, null,
                List.of("MY_TOKEN", "REGEX_TOKEN")));
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        List<String> observations = conversation.events().stream().map(ConversationEvent::payload)
                .filter(ObservationEvent.class::isInstance).map(p -> ((ObservationEvent) p).content()).toList();
        assertThat(observations.get(0)).startsWith("<secret:MY_TOKEN>\n");
        assertThat(observations.get(1)).startsWith("<secret:MY_TOKEN>\n");
        assertThat(observations.get(2)).startsWith("[<secret:REGEX_TOKEN>]\n");
        assertThat(observations.get(3)).contains("<secret:MY_TOKEN>");
        for (ConversationEvent event : conversation.events()) {
            assertThat(GantryJson.mapper().writeValueAsString(event)).doesNotContain(token).doesNotContain(regexy);
        }
        assertThat(storedEvents(conversation.id)).contains("<secret:MY_TOKEN>").doesNotContain(token)
                .doesNotContain(GantryJson.mapper().writeValueAsString(regexy));
        assertThat(WorkerTestResource.llm().requests(conversation.model).toString()).doesNotContain(token);
    }

    private static String storedEvents(UUID conversationId) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(WorkerTestResource.eventStore()
                    + "/conversations/" + conversationId + "/events?limit=100"))
                    .header(InternalHeaders.SERVICE_TOKEN, TestCallers.AGENT_WORKER_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
