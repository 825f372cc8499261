package dev.gantry.sandbox.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Says, once at start, how this sandbox-manager is set up. */
@Singleton
class StartupReport {

    void onStart(@Observes StartupEvent start, SandboxConfig config) {
        Log.infof("sandbox-manager: %s launcher, idle sandboxes paused after %s%s", config.launcher(),
                config.idleTimeout(), config.launcher() == SandboxConfig.Launcher.PROCESS
                        ? ", workspaces under " + config.process().root() : "");
    }
}
