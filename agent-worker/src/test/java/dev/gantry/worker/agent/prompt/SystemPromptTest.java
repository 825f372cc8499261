package dev.gantry.worker.agent.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.worker.config.WorkerConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SystemPromptTest {

    private final UUID sandbox = UUID.fromString("7d1c6c5e-3f0a-4c38-9d57-2f8e5b0a9c11");

    @Test
    void aSandboxPodsWorkspaceIsTheSameForEveryConversation() {
        SystemPrompt prompt = new SystemPrompt(config(Map.of()));

        assertThat(prompt.workspace(sandbox)).isEqualTo("/workspace");
        assertThat(prompt.text(sandbox)).contains("the project lives under /workspace").doesNotContain("{workspace}");
    }

    @Test
    void aLocalSandboxsWorkspaceIsNamedAfterTheSandbox() {
        SystemPrompt prompt = new SystemPrompt(config(Map.of("gantry.worker.workspace-path",
                "/home/dev/.gantry/workspaces/{sandboxId}")));

        assertThat(prompt.text(sandbox))
                .contains("the project lives under /home/dev/.gantry/workspaces/7d1c6c5e-3f0a-4c38-9d57-2f8e5b0a9c11")
                .doesNotContain("{sandboxId}");
    }

    private static WorkerConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(WorkerConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build().getConfigMapping(WorkerConfig.class);
    }
}
