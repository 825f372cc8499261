package dev.gantry.worker.agent.prompt;

import dev.gantry.worker.config.WorkerConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The system prompt, from the template resource {@code prompts/system-prompt.txt}, telling the agent
 * where its sandbox's workspace is ({@code gantry.worker.workspace-path}, which may name the sandbox).
 */
@Singleton
public class SystemPrompt {

    private final String text;
    private final String workspacePath;

    SystemPrompt(WorkerConfig config) {
        this.workspacePath = config.workspacePath();
        try (InputStream in = SystemPrompt.class.getResourceAsStream("/prompts/system-prompt.txt")) {
            if (in == null) {
                throw new IllegalStateException("the template prompts/system-prompt.txt is missing");
            }
            this.text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The prompt of a conversation whose tools run in the given sandbox. */
    public String text(UUID sandboxId) {
        return text.replace("{workspace}", workspace(sandboxId));
    }

    /** Where the project lives in the given sandbox. */
    public String workspace(UUID sandboxId) {
        return workspacePath.replace("{sandboxId}", sandboxId.toString());
    }
}
