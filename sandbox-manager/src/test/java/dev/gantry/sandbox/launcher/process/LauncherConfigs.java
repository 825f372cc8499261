package dev.gantry.sandbox.launcher.process;

import dev.gantry.sandbox.config.SandboxConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** The manager's configuration from properties alone, for a launcher made outside Quarkus. */
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
}
