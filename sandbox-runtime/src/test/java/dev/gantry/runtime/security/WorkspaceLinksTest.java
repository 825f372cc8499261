package dev.gantry.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.runtime.config.RuntimeConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A runtime started before its sandbox was named (a warm one) takes the name its workspace is given later. */
class WorkspaceLinksTest {

    @TempDir
    Path base;

    @Test
    void theWorkspaceIsNamedByTheLinkThatLeadsToItOnceThereIsOne() throws Exception {
        Path workspace = Files.createDirectories(base.resolve("instance/workspace")).toRealPath();
        Path links = Files.createDirectories(base.resolve("workspaces"));
        Files.createSymbolicLink(links.resolve("another-sandbox"), Files.createDirectories(base.resolve("other")));
        PathConfinement paths = new PathConfinement(config(workspace, links));
        assertThat(paths.namedWorkspace()).isEqualTo(workspace);

        Path named = Files.createSymbolicLink(links.resolve("sandbox-1"), workspace);

        assertThat(paths.namedWorkspace()).isEqualTo(named.toAbsolutePath());
        assertThat(paths.resolve("path", named.resolve("notes.txt").toString(), true))
                .isEqualTo(workspace.resolve("notes.txt"));
    }

    private static RuntimeConfig config(Path workspace, Path links) {
        return new SmallRyeConfigBuilder().withMapping(RuntimeConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(Map.of("gantry.session-api-key", "unused",
                        "gantry.workspace", workspace.toString(), "gantry.workspace-links", links.toString()),
                        "test", 500))
                .build().getConfigMapping(RuntimeConfig.class);
    }
}
