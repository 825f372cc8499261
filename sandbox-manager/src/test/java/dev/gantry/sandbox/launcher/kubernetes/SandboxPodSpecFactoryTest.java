package dev.gantry.sandbox.launcher.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.sandbox.launcher.SandboxClaim;
import dev.gantry.sandbox.service.SandboxTemplate;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SandboxPodSpecFactoryTest {

    static final String KEY = "the-session-key-0123456789";
    static final SandboxTemplate TEMPLATE = new SandboxTemplate("python", "registry.example/runtime:1",
            new SandboxTemplate.Resources("500m", "2", "1Gi", "4Gi", "2Gi", "8Gi"), Optional.of("gvisor"),
            Map.of("gantry.dev/pool", "sandboxes"),
            List.of(new SandboxTemplate.Toleration("sandbox", "Equal", Optional.of("true"), Optional.of("NoSchedule"))),
            List.of("registry-credentials"), 0, "10Gi", Optional.of("fast"));

    final SandboxPodSpecFactory factory = new SandboxPodSpecFactory(new SandboxPodSpecFactory.Settings("sandboxes",
            8080, 10001, "1Gi", List.of("app.kubernetes.io/name=agent-worker", "app.kubernetes.io/name=sandbox-manager"),
            Optional.of("sandboxes")));
    final UUID sandboxId = UUID.randomUUID();
    final SandboxClaim claim = new SandboxClaim(sandboxId, "alice@example.com", UUID.randomUUID(),
            Instant.parse("2026-11-26T10:00:00Z"));

    @Test
    void podIsHardenedAsTheIssueLists() {
        Pod pod = factory.pod("i-1", TEMPLATE, Optional.of(claim));
        PodSpec spec = pod.getSpec();

        assertThat(spec.getAutomountServiceAccountToken()).isFalse();
        assertThat(spec.getEnableServiceLinks()).isFalse();
        assertThat(spec.getRuntimeClassName()).isEqualTo("gvisor");
        assertThat(spec.getNodeSelector()).containsExactly(Map.entry("gantry.dev/pool", "sandboxes"));
        assertThat(spec.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("sandbox");
            assertThat(t.getOperator()).isEqualTo("Equal");
            assertThat(t.getValue()).isEqualTo("true");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(spec.getImagePullSecrets()).extracting("name").containsExactly("registry-credentials");
        assertThat(spec.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(spec.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(spec.getSecurityContext().getFsGroup()).isEqualTo(10001L);
        assertThat(spec.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

        Container runtime = spec.getContainers().getFirst();
        assertThat(spec.getContainers()).hasSize(1);
        assertThat(runtime.getImage()).isEqualTo("registry.example/runtime:1");
        var security = runtime.getSecurityContext();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getRunAsUser()).isEqualTo(10001L);
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getPrivileged()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

        assertThat(runtime.getResources().getRequests()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "cpu", new Quantity("500m"), "memory", new Quantity("1Gi"), "ephemeral-storage", new Quantity("2Gi")));
        assertThat(runtime.getResources().getLimits()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "cpu", new Quantity("2"), "memory", new Quantity("4Gi"), "ephemeral-storage", new Quantity("8Gi")));

        assertThat(runtime.getVolumeMounts()).extracting("mountPath").containsExactlyInAnyOrder("/workspace", "/tmp");
        assertThat(spec.getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null).singleElement()
                .satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("sandbox-i-1-workspace"));
        assertThat(spec.getVolumes()).filteredOn(v -> v.getEmptyDir() != null).singleElement()
                .satisfies(v -> assertThat(v.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("1Gi")));
        assertThat(runtime.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/alive");
    }

    @Test
    void sessionKeyReachesThePodOnlyThroughTheSecret() {
        Pod pod = factory.pod("i-1", TEMPLATE, Optional.of(claim));
        Secret secret = factory.sessionSecret("i-1", TEMPLATE, KEY);

        EnvVar keyVar = pod.getSpec().getContainers().getFirst().getEnv().stream()
                .filter(e -> e.getName().equals("GANTRY_SESSION_API_KEY")).findFirst().orElseThrow();
        assertThat(keyVar.getValue()).isNull();
        assertThat(keyVar.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret.getMetadata().getName());
        assertThat(secret.getStringData()).containsEntry(keyVar.getValueFrom().getSecretKeyRef().getKey(), KEY);
        assertThat(pod.toString()).doesNotContain(KEY);
        for (var object : List.of(pod, secret, factory.workspace("i-1", TEMPLATE, Optional.of(claim)),
                factory.service("i-1", TEMPLATE), factory.networkPolicy("i-1", TEMPLATE))) {
            assertThat(object.getMetadata().getLabels()).doesNotContainValue(KEY);
            assertThat(Optional.ofNullable(object.getMetadata().getAnnotations()).orElse(Map.of())).doesNotContainValue(KEY);
        }
    }

    @Test
    void workspaceClaimRecordsWhichSandboxItServes() {
        PersistentVolumeClaim workspace = factory.workspace("i-1", TEMPLATE, Optional.of(claim));

        assertThat(workspace.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("10Gi"));
        assertThat(workspace.getSpec().getStorageClassName()).isEqualTo("fast");
        assertThat(workspace.getMetadata().getLabels()).containsEntry(SandboxPodSpecFactory.LABEL_SANDBOX,
                sandboxId.toString());
        assertThat(workspace.getMetadata().getAnnotations())
                .containsEntry(SandboxPodSpecFactory.ANNOTATION_OWNER, "alice@example.com")
                .containsEntry(SandboxPodSpecFactory.ANNOTATION_CREATED, "2026-11-26T10:00:00Z");
        assertThat(factory.workspace("i-2", TEMPLATE, Optional.empty()).getMetadata().getLabels())
                .doesNotContainKey(SandboxPodSpecFactory.LABEL_SANDBOX);
    }

    @Test
    void serviceSelectsOnlyThisSandboxPod() {
        Service service = factory.service("i-1", TEMPLATE);

        assertThat(service.getSpec().getSelector()).containsExactly(Map.entry(SandboxPodSpecFactory.LABEL_INSTANCE, "i-1"));
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));
    }

    @Test
    void networkPolicyAdmitsOnlyThePlatformAndKeepsEgressOffPrivateRanges() {
        NetworkPolicy policy = factory.networkPolicy("i-1", TEMPLATE);

        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .containsExactly(Map.entry(SandboxPodSpecFactory.LABEL_INSTANCE, "i-1"));
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        var ingress = policy.getSpec().getIngress().getFirst();
        assertThat(policy.getSpec().getIngress()).hasSize(1);
        assertThat(ingress.getFrom()).extracting(peer -> peer.getPodSelector().getMatchLabels())
                .containsExactlyInAnyOrder(Map.of("app.kubernetes.io/name", "agent-worker"),
                        Map.of("app.kubernetes.io/name", "sandbox-manager"));
        assertThat(ingress.getFrom()).as("the platform is in the sandboxes' namespace")
                .allSatisfy(peer -> assertThat(peer.getNamespaceSelector()).isNull());
        assertThat(ingress.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(8080));
        assertThat(policy.getSpec().getEgress()).filteredOn(egress -> !egress.getTo().isEmpty()).singleElement()
                .satisfies(egress -> {
            var block = egress.getTo().getFirst().getIpBlock();
            assertThat(block.getCidr()).isEqualTo("0.0.0.0/0");
            assertThat(block.getExcept()).contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");
        });
    }

    @Test
    void sandboxesInANamespaceOfTheirOwnAdmitThePlatformsPodsFromItsNamespaceOnly() {
        SandboxPodSpecFactory apart = new SandboxPodSpecFactory(new SandboxPodSpecFactory.Settings("agent-sandboxes",
                8080, 10001, "1Gi", List.of("gantry.dev/sandbox-client=gantry"), Optional.of("agents")));

        var ingress = apart.networkPolicy("i-1", TEMPLATE).getSpec().getIngress().getFirst();

        assertThat(ingress.getFrom()).singleElement().satisfies(peer -> {
            assertThat(peer.getPodSelector().getMatchLabels()).containsExactly(Map.entry("gantry.dev/sandbox-client", "gantry"));
            assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsExactly(Map.entry("kubernetes.io/metadata.name", "agents"));
        });
    }
}
