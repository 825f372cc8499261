package dev.gantry.sandbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** The sandbox-manager's own settings ({@code gantry.sandbox.*}). */
@ConfigMapping(prefix = "gantry.sandbox")
public interface SandboxConfig {

    /** Where sandboxes run. */
    @WithDefault("process")
    Launcher launcher();

    /** A running sandbox nobody used for this long is paused; its workspace stays. */
    @WithDefault("30m")
    Duration idleTimeout();

    Process process();

    enum Launcher {
        /** a pod per sandbox, through the Kubernetes API */
        KUBERNETES,
        /** a local sandbox-runtime process per sandbox, with its own directory */
        PROCESS
    }

    interface Process {

        /** The directory under which each local sandbox gets its workspace. */
        @WithDefault("${user.home}/.gantry/sandboxes")
        Path root();
    }
}
