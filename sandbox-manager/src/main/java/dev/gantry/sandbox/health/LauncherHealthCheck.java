package dev.gantry.sandbox.health;

import dev.gantry.sandbox.config.SandboxConfig;
import dev.gantry.sandbox.launcher.kubernetes.KubernetesLauncher;
import dev.gantry.sandbox.pool.WarmPool;
import dev.gantry.sandbox.service.TemplateCatalog;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the launcher can launch: with Kubernetes, the API answers a pod list in the sandbox
 * namespace (which also proves the permission); with processes, the runtime jar is there and the
 * sandbox root is writable. The process launcher never touches Kubernetes.
 */
@Readiness
@Singleton
class LauncherHealthCheck implements HealthCheck {

    static final String NAME = "Sandbox launcher";

    private final SandboxConfig config;
    private final Instance<KubernetesClient> kubernetes;
    private final Instance<KubernetesLauncher> kubernetesLauncher;
    private final TemplateCatalog templates;
    private final WarmPool pool;

    LauncherHealthCheck(SandboxConfig config, Instance<KubernetesClient> kubernetes,
            Instance<KubernetesLauncher> kubernetesLauncher, TemplateCatalog templates, WarmPool pool) {
        this.config = config;
        this.kubernetes = kubernetes;
        this.kubernetesLauncher = kubernetesLauncher;
        this.templates = templates;
        this.pool = pool;
    }

    /** Also says how many warm sandboxes wait per template: an empty pool is not unready, only slower. */
    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .withData("launcher", config.launcher().name().toLowerCase());
        templates.all().stream().filter(template -> template.warmPoolSize() > 0).forEach(template -> response
                .withData("warmPool." + template.name(), pool.readyCount(template.name())));
        return switch (config.launcher()) {
            case KUBERNETES -> kubernetesApi(response);
            case PROCESS -> processes(response);
        };
    }

    private HealthCheckResponse kubernetesApi(HealthCheckResponseBuilder response) {
        String namespace = kubernetesLauncher.get().namespace();
        try {
            kubernetes.get().pods().inNamespace(namespace).list(new ListOptionsBuilder().withLimit(1L).build());
            return response.withData("namespace", namespace).up().build();
        } catch (RuntimeException e) {
            return response.withData("namespace", namespace).withData("error", String.valueOf(e.getMessage()))
                    .down().build();
        }
    }

    private HealthCheckResponse processes(HealthCheckResponseBuilder response) {
        Path jar = config.process().runtimeJar().toAbsolutePath();
        Path root = config.process().root();
        boolean jarThere = Files.isRegularFile(jar);
        boolean rootUsable = Files.isDirectory(root) ? Files.isWritable(root) : Files.isWritable(existingParent(root));
        return response.withData("runtimeJar", jar.toString()).withData("runtimeJarPresent", jarThere)
                .withData("root", root.toString()).withData("rootWritable", rootUsable)
                .status(jarThere && rootUsable).build();
    }

    private static Path existingParent(Path path) {
        Path candidate = path.toAbsolutePath();
        while (candidate != null && !Files.exists(candidate)) {
            candidate = candidate.getParent();
        }
        return candidate == null ? Path.of("/") : candidate;
    }
}
