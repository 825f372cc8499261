package dev.gantry.sandbox.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A checked sandbox template: what a sandbox of this kind runs, with what resources, where. */
public record SandboxTemplate(String name, String image, Resources resources, Optional<String> runtimeClassName,
        Map<String, String> nodeSelector, List<Toleration> tolerations, List<String> imagePullSecrets,
        int warmPoolSize, String workspaceSize, Optional<String> storageClassName) {

    public SandboxTemplate {
        nodeSelector = Map.copyOf(nodeSelector);
        tolerations = List.copyOf(tolerations);
        imagePullSecrets = List.copyOf(imagePullSecrets);
    }

    /** Kubernetes quantities, already checked to parse and to keep each request within its limit. */
    public record Resources(String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit,
            String ephemeralStorageRequest, String ephemeralStorageLimit) {
    }

    public record Toleration(String key, String operator, Optional<String> value, Optional<String> effect) {
    }
}
