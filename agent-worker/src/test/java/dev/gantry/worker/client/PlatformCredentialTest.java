package dev.gantry.worker.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.auth.TestCallers;
import dev.gantry.worker.support.PlatformStub;
import dev.gantry.worker.support.WorkerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The worker calls conversation-service and sandbox-manager as itself: its own service token, and none of
 * the old scheme's headers (the stub refuses a call that lacks the one or carries the others).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class PlatformCredentialTest {

    @Inject
    ConversationServiceClient conversations;

    @Inject
    SandboxManagerClient sandboxes;

    @Test
    void readsASecretAndASandboxConnectionWithItsOwnServiceTokenOnly() {
        PlatformStub platform = WorkerTestResource.platform();
        UUID conversationId = UUID.randomUUID();
        UUID sandboxId = UUID.randomUUID();
        platform.secret(conversationId, "LLM_KEY", "sk-test");
        platform.connection(sandboxId, new PlatformStub.Connection("http://127.0.0.1:1", "session-key"));

        assertThat(conversations.secretValue(conversationId, "LLM_KEY")).isEqualTo("sk-test");
        assertThat(sandboxes.connection(sandboxId).runtimeUrl()).isEqualTo("http://127.0.0.1:1");

        Map<String, String> workerToken = Map.of(InternalHeaders.SERVICE_TOKEN, TestCallers.AGENT_WORKER_TOKEN);
        assertThat(platform.credentialsSeen())
                .filteredOn(call -> call.path().contains(conversationId.toString())
                        || call.path().contains(sandboxId.toString()))
                .hasSize(2)
                .allSatisfy(call -> assertThat(call.headers()).isEqualTo(workerToken));
    }
}
