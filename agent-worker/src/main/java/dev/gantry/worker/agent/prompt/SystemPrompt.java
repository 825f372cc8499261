package dev.gantry.worker.agent.prompt;

import dev.gantry.worker.config.WorkerConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The system prompt, from the template resource {@code prompts/system-prompt.txt}. */
@Singleton
public class SystemPrompt {

    private final String text;

    SystemPrompt(WorkerConfig config) {
        try (InputStream in = SystemPrompt.class.getResourceAsStream("/prompts/system-prompt.txt")) {
            if (in == null) {
                throw new IllegalStateException("the template prompts/system-prompt.txt is missing");
            }
            this.text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{workspace}", config.workspacePath()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text() {
        return text;
    }
}
