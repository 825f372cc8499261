package dev.gantry.sandbox.launcher;

import dev.gantry.sandbox.config.SandboxConfig;
import dev.gantry.sandbox.launcher.kubernetes.KubernetesLauncher;
import dev.gantry.sandbox.launcher.process.ProcessLauncher;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Picks the launcher {@code gantry.sandbox.launcher} names; the other one is never created. */
@Singleton
class LauncherProducer {

    @Produces
    @Singleton
    SandboxLauncher launcher(SandboxConfig config, Instance<KubernetesLauncher> kubernetes,
            Instance<ProcessLauncher> process) {
        return switch (config.launcher()) {
            case KUBERNETES -> kubernetes.get();
            case PROCESS -> process.get();
        };
    }
}
