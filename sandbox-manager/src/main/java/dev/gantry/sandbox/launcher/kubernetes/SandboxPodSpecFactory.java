package dev.gantry.sandbox.launcher.kubernetes;

import dev.gantry.sandbox.launcher.SandboxClaim;
import dev.gantry.sandbox.service.SandboxTemplate;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds, as plain data and nothing else, the Kubernetes objects of one sandbox instance: the pod
 * running the sandbox-runtime, the volume claim of its {@code /workspace} (it outlives the pod, so a
 * paused sandbox keeps its work), the Service in front of the runtime port, the Secret holding the
 * session key, and the NetworkPolicy that lets only the platform's agent-worker and sandbox-manager
 * in and keeps the sandbox away from other sandboxes and the cluster's private addresses.
 * Ownership details go in annotations (free-form user ids); the session key only in the Secret.
 */
public final class SandboxPodSpecFactory {

    public static final String LABEL_APP = "app.kubernetes.io/name";
    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String LABEL_INSTANCE = "gantry.dev/sandbox-instance";
    public static final String LABEL_TEMPLATE = "gantry.dev/sandbox-template";
    public static final String LABEL_SANDBOX = "gantry.dev/sandbox-id";
    public static final String ANNOTATION_OWNER = "gantry.dev/owner-id";
    public static final String ANNOTATION_CONVERSATION = "gantry.dev/conversation-id";
    public static final String ANNOTATION_CREATED = "gantry.dev/created-at";
    public static final String ANNOTATION_PAUSED = "gantry.dev/paused";
    public static final String APP = "sandbox-runtime";
    public static final String MANAGER = "gantry-sandbox-manager";
    public static final String SESSION_KEY = "session-api-key";
    public static final String CONTAINER = "runtime";

    private static final String PORT_NAME = "http";
    private static final String WORKSPACE = "/workspace";
    private static final String TMP = "/tmp";
    private static final String SECCOMP_RUNTIME_DEFAULT = "RuntimeDefault";
    /** Where a sandbox may go out to: anywhere but the private ranges of the cluster and cloud metadata. */
    private static final String ANYWHERE = "0.0.0.0/0";
    private static final List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "169.254.0.0/16", "100.64.0.0/10");
    private static final int DNS_PORT = 53;
    /** The label Kubernetes puts on every namespace, its name. */
    private static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private final Settings settings;

    public SandboxPodSpecFactory(Settings settings) {
        this.settings = settings;
    }

    /**
     * The cluster settings the objects depend on.
     *
     * @param allowedClients label selectors ({@code key=value}) of the pods that may reach the runtime
     * @param clientsNamespace the namespace of those pods; the sandboxes' own when empty
     */
    public record Settings(String namespace, int runtimePort, long runAsUser, String tmpSize,
            List<String> allowedClients, Optional<String> clientsNamespace) {

        public Settings {
            // a peer with a pod selector alone is a pod of the policy's namespace
            clientsNamespace = clientsNamespace.filter(clients -> !clients.equals(namespace));
        }
    }

    public static String podName(String instanceId) {
        return "sandbox-" + instanceId;
    }

    public static String workspaceClaimName(String instanceId) {
        return "sandbox-" + instanceId + "-workspace";
    }

    public static String serviceName(String instanceId) {
        return "sandbox-" + instanceId;
    }

    public static String secretName(String instanceId) {
        return "sandbox-" + instanceId + "-session";
    }

    public static String networkPolicyName(String instanceId) {
        return "sandbox-" + instanceId;
    }

    public Pod pod(String instanceId, SandboxTemplate template, Optional<SandboxClaim> claim) {
        SandboxTemplate.Resources r = template.resources();
        ResourceRequirements resources = new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(r.cpuRequest()))
                .addToRequests("memory", new Quantity(r.memoryRequest()))
                .addToRequests("ephemeral-storage", new Quantity(r.ephemeralStorageRequest()))
                .addToLimits("cpu", new Quantity(r.cpuLimit()))
                .addToLimits("memory", new Quantity(r.memoryLimit()))
                .addToLimits("ephemeral-storage", new Quantity(r.ephemeralStorageLimit()))
                .build();
        Capabilities dropAll = new CapabilitiesBuilder().withDrop("ALL").build();
        Container runtime = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(template.image())
                .addNewPort().withName(PORT_NAME).withContainerPort(settings.runtimePort()).withProtocol("TCP").endPort()
                .withEnv(env(instanceId))
                .withResources(resources)
                .withNewSecurityContext()
                    .withRunAsNonRoot(true)
                    .withRunAsUser(settings.runAsUser())
                    .withRunAsGroup(settings.runAsUser())
                    .withAllowPrivilegeEscalation(false)
                    .withPrivileged(false)
                    .withReadOnlyRootFilesystem(true)
                    .withCapabilities(dropAll)
                    .withSeccompProfile(runtimeDefault())
                .endSecurityContext()
                .addNewVolumeMount().withName("workspace").withMountPath(WORKSPACE).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath(TMP).endVolumeMount()
                .withNewReadinessProbe()
                    .withNewHttpGet().withPath("/alive").withPort(new IntOrString(PORT_NAME)).endHttpGet()
                    .withPeriodSeconds(1)
                .endReadinessProbe()
                .build();
        return new PodBuilder()
                .withMetadata(meta(podName(instanceId), instanceId, template, claim))
                .withNewSpec()
                    .withAutomountServiceAccountToken(false)
                    .withEnableServiceLinks(false)
                    .withRestartPolicy("Never")
                    .withRuntimeClassName(template.runtimeClassName().orElse(null))
                    .withNodeSelector(template.nodeSelector().isEmpty() ? null : template.nodeSelector())
                    .withTolerations(tolerations(template))
                    .withImagePullSecrets(template.imagePullSecrets().stream().map(LocalObjectReference::new).toList())
                    .withNewSecurityContext()
                        .withRunAsNonRoot(true)
                        .withRunAsUser(settings.runAsUser())
                        .withRunAsGroup(settings.runAsUser())
                        .withFsGroup(settings.runAsUser())
                        .withSeccompProfile(runtimeDefault())
                    .endSecurityContext()
                    .withContainers(runtime)
                    .addNewVolume().withName("workspace")
                        .withNewPersistentVolumeClaim().withClaimName(workspaceClaimName(instanceId)).endPersistentVolumeClaim()
                    .endVolume()
                    .addNewVolume().withName("tmp")
                        .withNewEmptyDir().withSizeLimit(new Quantity(settings.tmpSize())).endEmptyDir()
                    .endVolume()
                .endSpec()
                .build();
    }

    /** The workspace volume; it carries the claim, since it is what a paused sandbox keeps. */
    public PersistentVolumeClaim workspace(String instanceId, SandboxTemplate template, Optional<SandboxClaim> claim) {
        return new PersistentVolumeClaimBuilder()
                .withMetadata(meta(workspaceClaimName(instanceId), instanceId, template, claim))
                .withNewSpec()
                    .withAccessModes("ReadWriteOnce")
                    .withStorageClassName(template.storageClassName().orElse(null))
                    .withNewResources().addToRequests("storage", new Quantity(template.workspaceSize())).endResources()
                .endSpec()
                .build();
    }

    public Service service(String instanceId, SandboxTemplate template) {
        return new ServiceBuilder()
                .withMetadata(meta(serviceName(instanceId), instanceId, template, Optional.empty()))
                .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(Map.of(LABEL_INSTANCE, instanceId))
                    .addNewPort().withName(PORT_NAME).withPort(settings.runtimePort())
                        .withTargetPort(new IntOrString(PORT_NAME)).withProtocol("TCP").endPort()
                .endSpec()
                .build();
    }

    public Secret sessionSecret(String instanceId, SandboxTemplate template, String sessionKey) {
        return new SecretBuilder()
                .withMetadata(meta(secretName(instanceId), instanceId, template, Optional.empty()))
                .withType("Opaque")
                .withImmutable(true)
                .withStringData(Map.of(SESSION_KEY, sessionKey))
                .build();
    }

    public NetworkPolicy networkPolicy(String instanceId, SandboxTemplate template) {
        List<NetworkPolicyPeer> clients = settings.allowedClients().stream().map(selector -> {
            String[] keyValue = selector.split("=", 2);
            NetworkPolicyPeerBuilder peer = new NetworkPolicyPeerBuilder().withNewPodSelector()
                    .addToMatchLabels(keyValue[0].trim(), keyValue.length > 1 ? keyValue[1].trim() : "")
                    .endPodSelector();
            // both selectors in one peer: those pods, in that namespace only
            settings.clientsNamespace().ifPresent(namespace -> peer.withNewNamespaceSelector()
                    .addToMatchLabels(NAMESPACE_NAME_LABEL, namespace).endNamespaceSelector());
            return peer.build();
        }).toList();
        return new NetworkPolicyBuilder()
                .withMetadata(meta(networkPolicyName(instanceId), instanceId, template, Optional.empty()))
                .withNewSpec()
                    .withNewPodSelector().addToMatchLabels(LABEL_INSTANCE, instanceId).endPodSelector()
                    .withPolicyTypes("Ingress", "Egress")
                    .addNewIngress()
                        .withFrom(clients)
                        .addNewPort().withProtocol("TCP").withPort(new IntOrString(settings.runtimePort())).endPort()
                    .endIngress()
                    .addNewEgress()
                        .addNewPort().withProtocol("UDP").withPort(new IntOrString(DNS_PORT)).endPort()
                        .addNewPort().withProtocol("TCP").withPort(new IntOrString(DNS_PORT)).endPort()
                    .endEgress()
                    .addNewEgress()
                        .addNewTo().withNewIpBlock().withCidr(ANYWHERE).withExcept(PRIVATE_RANGES).endIpBlock().endTo()
                    .endEgress()
                .endSpec()
                .build();
    }

    private List<EnvVar> env(String instanceId) {
        return List.of(
                new EnvVarBuilder().withName("QUARKUS_HTTP_PORT").withValue(Integer.toString(settings.runtimePort())).build(),
                new EnvVarBuilder().withName("GANTRY_WORKSPACE").withValue(WORKSPACE).build(),
                new EnvVarBuilder().withName("HOME").withValue(WORKSPACE).build(),
                new EnvVarBuilder().withName("GANTRY_SESSION_API_KEY").withNewValueFrom()
                        .withNewSecretKeyRef().withName(secretName(instanceId)).withKey(SESSION_KEY).withOptional(false)
                        .endSecretKeyRef().endValueFrom().build());
    }

    private static List<Toleration> tolerations(SandboxTemplate template) {
        return template.tolerations().stream().map(t -> new TolerationBuilder().withKey(t.key())
                .withOperator(t.operator()).withValue(t.value().orElse(null)).withEffect(t.effect().orElse(null))
                .build()).toList();
    }

    private static SeccompProfile runtimeDefault() {
        return new SeccompProfile(null, SECCOMP_RUNTIME_DEFAULT);
    }

    private ObjectMeta meta(String name, String instanceId, SandboxTemplate template, Optional<SandboxClaim> claim) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_APP, APP);
        labels.put(LABEL_MANAGED_BY, MANAGER);
        labels.put(LABEL_INSTANCE, instanceId);
        labels.put(LABEL_TEMPLATE, template.name());
        Map<String, String> annotations = new LinkedHashMap<>();
        claim.ifPresent(c -> {
            labels.put(LABEL_SANDBOX, c.sandboxId().toString());
            annotations.putAll(claimAnnotations(c));
        });
        return new ObjectMetaBuilder().withName(name).withNamespace(settings.namespace()).withLabels(labels)
                .withAnnotations(annotations.isEmpty() ? null : annotations).build();
    }

    /** The annotations that record which sandbox an instance serves. */
    public static Map<String, String> claimAnnotations(SandboxClaim claim) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ANNOTATION_OWNER, claim.ownerId());
        if (claim.conversationId() != null) {
            annotations.put(ANNOTATION_CONVERSATION, claim.conversationId().toString());
        }
        annotations.put(ANNOTATION_CREATED, claim.createdAt().toString());
        return annotations;
    }
}
