package dev.gantry.sandbox.launcher.process;

import dev.gantry.sandbox.client.RuntimeClient;
import dev.gantry.sandbox.client.RuntimeProbe;
import dev.gantry.sandbox.config.SandboxConfig;
import dev.gantry.sandbox.launcher.InstanceFailed;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The manager's configuration from properties alone, and a launcher on it, made outside Quarkus. */
final class LauncherConfigs {

    private LauncherConfigs() {
    }

    /** Quarkus' duration syntax (30s, 7d), as the application reads it. */
    static SandboxConfig of(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(SandboxConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build().getConfigMapping(SandboxConfig.class);
    }

    /**
     * Local sandboxes under {@code root}, their workspaces named under {@code workspaces}, the build's runtime, a
     * start timeout of 60 s; {@code more} adds or replaces properties.
     */
    static SandboxConfig local(Path root, Path workspaces, Map<String, String> more) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "gantry.sandbox.process.root", root.toString(),
                "gantry.sandbox.process.workspaces", workspaces.toString(),
                "gantry.sandbox.process.runtime-jar", System.getProperty("gantry.sandbox.process.runtime-jar"),
                "gantry.sandbox.start-timeout", "60s"));
        properties.putAll(more);
        return of(properties);
    }

    /** A launcher on {@code config}, its runtimes' deaths reported to {@code failures}. */
    static ProcessLauncher launcher(SandboxConfig config, Consumer<InstanceFailed> failures) {
        RuntimeClient client = new RuntimeClient(config);
        return new ProcessLauncher(config, new RuntimeProbe(client, config), client, failures);
    }
}
