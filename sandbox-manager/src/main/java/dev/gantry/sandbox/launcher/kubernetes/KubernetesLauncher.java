package dev.gantry.sandbox.launcher.kubernetes;

import static dev.gantry.sandbox.launcher.kubernetes.SandboxPodSpecFactory.ANNOTATION_CONVERSATION;
import static dev.gantry.sandbox.launcher.kubernetes.SandboxPodSpecFactory.ANNOTATION_CREATED;
import static dev.gantry.sandbox.launcher.kubernetes.SandboxPodSpecFactory.ANNOTATION_OWNER;
import static dev.gantry.sandbox.launcher.kubernetes.SandboxPodSpecFactory.ANNOTATION_PAUSED;
import static dev.gantry.sandbox.launcher.kubernetes.SandboxPodSpecFactory.LABEL_INSTANCE;
import static dev.gantry.sandbox.launcher.kubernetes.SandboxPodSpecFactory.LABEL_MANAGED_BY;
import static dev.gantry.sandbox.launcher.kubernetes.SandboxPodSpecFactory.LABEL_SANDBOX;
import static dev.gantry.sandbox.launcher.kubernetes.SandboxPodSpecFactory.LABEL_TEMPLATE;
import static dev.gantry.sandbox.launcher.kubernetes.SandboxPodSpecFactory.MANAGER;
import static dev.gantry.sandbox.launcher.kubernetes.SandboxPodSpecFactory.SESSION_KEY;

import dev.gantry.sandbox.client.RuntimeProbe;
import dev.gantry.sandbox.config.SandboxConfig;
import dev.gantry.sandbox.launcher.InstanceFailed;
import dev.gantry.sandbox.launcher.InstanceSpec;
import dev.gantry.sandbox.launcher.KnownInstance;
import dev.gantry.sandbox.launcher.LaunchException;
import dev.gantry.sandbox.launcher.RuntimeEndpoint;
import dev.gantry.sandbox.launcher.SandboxClaim;
import dev.gantry.sandbox.launcher.SandboxLauncher;
import dev.gantry.sandbox.launcher.SessionKeys;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.readiness.Readiness;
import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sandboxes as Kubernetes pods. The objects of an instance are built by {@link SandboxPodSpecFactory}
 * and reconciled one by one (create what is missing, leave what is there); pod status comes from an
 * informer on the sandbox pods, never from polling the API. Pause deletes the pod and keeps the
 * workspace claim, Secret, Service and NetworkPolicy; delete removes them all. The workspace claim
 * records which sandbox an instance serves, and a warm instance is claimed by an update of it that
 * carries its resourceVersion: of two concurrent claims, the API server lets one win.
 */
@Singleton
@Typed(KubernetesLauncher.class)
public class KubernetesLauncher implements SandboxLauncher {

    private static final Set<String> FAILED_WAITING_REASONS = Set.of("ErrImagePull", "ImagePullBackOff",
            "InvalidImageName", "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError");

    private final KubernetesClient client;
    private final RuntimeProbe probe;
    private final Event<InstanceFailed> failures;
    private final SandboxConfig config;
    private final String namespace;
    private final SandboxPodSpecFactory factory;
    private final ConcurrentMap<String, CompletableFuture<Pod>> awaitingReady = new ConcurrentHashMap<>();
    private final Set<String> up = ConcurrentHashMap.newKeySet();
    private SharedIndexInformer<Pod> pods;

    KubernetesLauncher(KubernetesClient client, RuntimeProbe probe, Event<InstanceFailed> failures,
            SandboxConfig config) {
        this.client = client;
        this.probe = probe;
        this.failures = failures;
        this.config = config;
        SandboxConfig.Kubernetes kubernetes = config.kubernetes();
        this.namespace = kubernetes.namespace().or(() -> Optional.ofNullable(client.getNamespace())).orElse("default");
        Optional<String> clientsNamespace = kubernetes.allowedClientsNamespace()
                .or(() -> Optional.ofNullable(client.getNamespace()));
        this.factory = new SandboxPodSpecFactory(new SandboxPodSpecFactory.Settings(namespace,
                kubernetes.runtimePort(), kubernetes.runAsUser(), kubernetes.tmpSize(), kubernetes.allowedClients(),
                clientsNamespace));
    }

    @PostConstruct
    void watchPods() {
        pods = client.pods().inNamespace(namespace).withLabel(LABEL_MANAGED_BY, MANAGER).inform(new PodEvents());
    }

    @PreDestroy
    void stopWatching() {
        pods.close();
    }

    /** The namespace the sandboxes live in. */
    public String namespace() {
        return namespace;
    }

    @Override
    public RuntimeEndpoint start(InstanceSpec spec) {
        String id = spec.instanceId();
        Instant deadline = Instant.now().plus(config.startTimeout());
        try {
            String key = sessionKey(id).orElseGet(SessionKeys::generate);
            reconcile(factory.sessionSecret(id, spec.template(), key));
            reconcile(factory.workspace(id, spec.template(), spec.claim()));
            reconcile(factory.service(id, spec.template()));
            reconcile(factory.networkPolicy(id, spec.template()));
            CompletableFuture<Pod> ready = new CompletableFuture<>();
            awaitingReady.put(id, ready);
            try {
                startPod(factory.pod(id, spec.template(), spec.claim()), ready);
                awaitReady(id, ready, deadline);
            } finally {
                awaitingReady.remove(id, ready);
            }
            RuntimeEndpoint endpoint = endpoint(id, key);
            probe.awaitAlive(endpoint.baseUrl(), deadline, Optional::empty);
            up.add(id);
            return endpoint;
        } catch (KubernetesClientException e) {
            throw new LaunchException("Kubernetes API error " + e.getCode() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop(String instanceId) {
        up.remove(instanceId);
        client.pods().inNamespace(namespace).withName(SandboxPodSpecFactory.podName(instanceId)).delete();
        PersistentVolumeClaim workspace = workspaceClaim(instanceId);
        if (workspace != null) {
            client.persistentVolumeClaims().inNamespace(namespace).withName(workspace.getMetadata().getName())
                    .edit(pvc -> {
                        Map<String, String> annotations = new HashMap<>(Optional.ofNullable(
                                pvc.getMetadata().getAnnotations()).orElse(Map.of()));
                        annotations.put(ANNOTATION_PAUSED, "true");
                        pvc.getMetadata().setAnnotations(annotations);
                        return pvc;
                    });
        }
    }

    @Override
    public void remove(String instanceId) {
        up.remove(instanceId);
        client.pods().inNamespace(namespace).withName(SandboxPodSpecFactory.podName(instanceId)).delete();
        client.network().v1().networkPolicies().inNamespace(namespace)
                .withName(SandboxPodSpecFactory.networkPolicyName(instanceId)).delete();
        client.services().inNamespace(namespace).withName(SandboxPodSpecFactory.serviceName(instanceId)).delete();
        client.secrets().inNamespace(namespace).withName(SandboxPodSpecFactory.secretName(instanceId)).delete();
        client.persistentVolumeClaims().inNamespace(namespace)
                .withName(SandboxPodSpecFactory.workspaceClaimName(instanceId)).delete();
    }

    @Override
    public boolean claim(String instanceId, SandboxClaim claim) {
        PersistentVolumeClaim workspace = workspaceClaim(instanceId);
        if (workspace == null || workspace.getMetadata().getLabels().containsKey(LABEL_SANDBOX)) {
            return false;
        }
        workspace.getMetadata().getLabels().put(LABEL_SANDBOX, claim.sandboxId().toString());
        Map<String, String> annotations = new HashMap<>(Optional.ofNullable(workspace.getMetadata().getAnnotations())
                .orElse(Map.of()));
        annotations.putAll(SandboxPodSpecFactory.claimAnnotations(claim));
        workspace.getMetadata().setAnnotations(annotations);
        try {
            // carries the resourceVersion it was read with: a concurrent claim makes this a 409
            client.persistentVolumeClaims().inNamespace(namespace).resource(workspace).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return false;
            }
            throw e;
        }
        client.pods().inNamespace(namespace).withName(SandboxPodSpecFactory.podName(instanceId))
                .edit(pod -> {
                    pod.getMetadata().getLabels().put(LABEL_SANDBOX, claim.sandboxId().toString());
                    return pod;
                });
        return true;
    }

    @Override
    public List<KnownInstance> discover() {
        return client.persistentVolumeClaims().inNamespace(namespace).withLabel(LABEL_MANAGED_BY, MANAGER).list()
                .getItems().stream().map(this::known).toList();
    }

    /** Pods outlive the manager: a restarted manager takes them back, so none is stopped here. */
    @Override
    public void shutdown() {
        up.clear();
    }

    private KnownInstance known(PersistentVolumeClaim workspace) {
        Map<String, String> labels = workspace.getMetadata().getLabels();
        Map<String, String> annotations = Optional.ofNullable(workspace.getMetadata().getAnnotations()).orElse(Map.of());
        String id = labels.get(LABEL_INSTANCE);
        Optional<SandboxClaim> claim = Optional.ofNullable(labels.get(LABEL_SANDBOX)).map(sandboxId -> new SandboxClaim(
                UUID.fromString(sandboxId), annotations.get(ANNOTATION_OWNER),
                Optional.ofNullable(annotations.get(ANNOTATION_CONVERSATION)).map(UUID::fromString).orElse(null),
                Optional.ofNullable(annotations.get(ANNOTATION_CREATED)).map(Instant::parse)
                        .orElse(Instant.parse(workspace.getMetadata().getCreationTimestamp()))));
        Pod pod = client.pods().inNamespace(namespace).withName(SandboxPodSpecFactory.podName(id)).get();
        Optional<RuntimeEndpoint> running = Optional.ofNullable(pod).filter(Readiness::isPodReady)
                .flatMap(ready -> sessionKey(id)).map(key -> endpoint(id, key));
        running.ifPresent(endpoint -> up.add(id));
        return new KnownInstance(id, labels.get(LABEL_TEMPLATE), claim, running,
                !"true".equals(annotations.get(ANNOTATION_PAUSED)));
    }

    /** Creates the pod, or keeps it when it is alive; a failed or finished pod is replaced. */
    private void startPod(Pod desired, CompletableFuture<Pod> ready) {
        var pod = client.pods().inNamespace(namespace).resource(desired);
        Pod current = pod.get();
        if (current != null && podFailure(current).isEmpty() && !"Succeeded".equals(current.getStatus() == null
                ? null : current.getStatus().getPhase())) {
            if (Readiness.isPodReady(current)) {
                ready.complete(current);
            }
            return;
        }
        if (current != null) {
            pod.withGracePeriod(0).delete();
            pod.waitUntilCondition(gone -> gone == null, config.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        pod.create();
    }

    private void awaitReady(String id, CompletableFuture<Pod> ready, Instant deadline) {
        try {
            ready.get(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LaunchException("the sandbox pod " + SandboxPodSpecFactory.podName(id) + " was not Ready within "
                    + config.startTimeout());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof LaunchException failed ? failed : new LaunchException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while waiting for the sandbox pod", e);
        }
    }

    /** Creates the object if it is missing; an existing one is left as it is, its labels and annotations updated. */
    private void reconcile(HasMetadata desired) {
        if (config.kubernetes().serverSideApply()) {
            client.resource(desired).forceConflicts().serverSideApply();
            return;
        }
        var resource = client.resource(desired);
        HasMetadata current = resource.get();
        if (current == null) {
            resource.create();
        } else if (!desired.getMetadata().getLabels().equals(current.getMetadata().getLabels())
                || !Optional.ofNullable(desired.getMetadata().getAnnotations()).orElse(Map.of())
                        .equals(Optional.ofNullable(current.getMetadata().getAnnotations()).orElse(Map.of()))) {
            resource.edit(existing -> {
                existing.getMetadata().setLabels(desired.getMetadata().getLabels());
                existing.getMetadata().setAnnotations(desired.getMetadata().getAnnotations());
                return existing;
            });
        }
    }

    private Optional<String> sessionKey(String instanceId) {
        Secret secret = client.secrets().inNamespace(namespace).withName(SandboxPodSpecFactory.secretName(instanceId)).get();
        return Optional.ofNullable(secret).map(Secret::getData).map(data -> data.get(SESSION_KEY))
                .map(encoded -> new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8))
                .or(() -> Optional.ofNullable(secret).map(Secret::getStringData).map(data -> data.get(SESSION_KEY)));
    }

    private PersistentVolumeClaim workspaceClaim(String instanceId) {
        return client.persistentVolumeClaims().inNamespace(namespace)
                .withName(SandboxPodSpecFactory.workspaceClaimName(instanceId)).get();
    }

    private RuntimeEndpoint endpoint(String instanceId, String key) {
        SandboxConfig.Kubernetes kubernetes = config.kubernetes();
        return new RuntimeEndpoint(URI.create("http://%s.%s.%s:%d".formatted(SandboxPodSpecFactory.serviceName(instanceId),
                namespace, kubernetes.serviceDomain(), kubernetes.runtimePort())), key);
    }

    /** Why the pod cannot run, if it cannot: its image does not pull, its container crashed or ended, it failed. */
    static Optional<String> podFailure(Pod pod) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        for (ContainerStatus container : Optional.ofNullable(pod.getStatus().getContainerStatuses()).orElse(List.of())) {
            if (container.getState() == null) {
                continue;
            }
            var waiting = container.getState().getWaiting();
            if (waiting != null && FAILED_WAITING_REASONS.contains(waiting.getReason())) {
                return Optional.of(waiting.getReason() + ": " + Optional.ofNullable(waiting.getMessage()).orElse(""));
            }
            var terminated = container.getState().getTerminated();
            if (terminated != null) {
                return Optional.of("the runtime exited with code " + terminated.getExitCode()
                        + Optional.ofNullable(terminated.getReason()).map(reason -> " (" + reason + ")").orElse(""));
            }
        }
        if ("Failed".equals(pod.getStatus().getPhase())) {
            return Optional.of(("the pod failed: " + Optional.ofNullable(pod.getStatus().getReason()).orElse("")
                    + " " + Optional.ofNullable(pod.getStatus().getMessage()).orElse("")).trim());
        }
        return Optional.empty();
    }

    private final class PodEvents implements ResourceEventHandler<Pod> {

        @Override
        public void onAdd(Pod pod) {
            changed(pod);
        }

        @Override
        public void onUpdate(Pod before, Pod pod) {
            changed(pod);
        }

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
            String id = pod.getMetadata().getLabels().get(LABEL_INSTANCE);
            if (id != null && up.remove(id)) {
                failures.fire(new InstanceFailed(id, "the sandbox pod was deleted"));
            }
        }

        private void changed(Pod pod) {
            String id = pod.getMetadata().getLabels().get(LABEL_INSTANCE);
            if (id == null) {
                return;
            }
            Optional<String> failure = podFailure(pod);
            CompletableFuture<Pod> waiting = awaitingReady.get(id);
            if (failure.isPresent()) {
                Log.warnf("sandbox pod %s: %s", pod.getMetadata().getName(), failure.get());
                if (waiting != null) {
                    waiting.completeExceptionally(new LaunchException(failure.get()));
                } else if (up.remove(id)) {
                    failures.fire(new InstanceFailed(id, failure.get()));
                }
            } else if (waiting != null && Readiness.isPodReady(pod)) {
                waiting.complete(pod);
            }
        }
    }
}
