package dev.gantry.runtime.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gantry.runtime.config.RuntimeConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workspace named through a symbolic link, as a local sandbox's is (the sandbox manager links it by the
 * sandbox's id): given that name as PWD, the shell shows it, the path the agent was told.
 */
class LinkedWorkspaceShellTest {

    @TempDir
    Path base;

    @Test
    void theShellShowsTheWorkspaceByTheNameItWasGiven() throws Exception {
        Path real = Files.createDirectories(base.resolve("instance/workspace"));
        Path link = Files.createSymbolicLink(Files.createDirectories(base.resolve("workspaces")).resolve("sandbox-1"),
                real);
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("PWD", link.toString());

        try (ShellSession shell = ShellSession.start(terminalConfig(), real.toRealPath(), environment)) {
            assertEquals(link.toString(), shell.lastPrompt().workingDir());
        }
    }

    @Test
    void aNameThatLeadsElsewhereIsIgnored() throws Exception {
        Path real = Files.createDirectories(base.resolve("workspace"));
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("PWD", Files.createDirectories(base.resolve("elsewhere")).toString());

        try (ShellSession shell = ShellSession.start(terminalConfig(), real.toRealPath(), environment)) {
            assertEquals(real.toRealPath().toString(), shell.lastPrompt().workingDir());
        }
    }

    private static RuntimeConfig.Terminal terminalConfig() {
        return new SmallRyeConfigBuilder().withMapping(RuntimeConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(Map.of("gantry.session-api-key", "unused"), "test", 500))
                .build().getConfigMapping(RuntimeConfig.class).terminal();
    }
}
