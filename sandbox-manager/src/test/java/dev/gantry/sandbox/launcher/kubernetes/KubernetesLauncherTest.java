package dev.gantry.sandbox.launcher.kubernetes;

import static dev.gantry.contracts.sandbox.SandboxStatus.DELETED;
import static dev.gantry.contracts.sandbox.SandboxStatus.ERROR;
import static dev.gantry.contracts.sandbox.SandboxStatus.PAUSED;
import static dev.gantry.contracts.sandbox.SandboxStatus.RUNNING;
import static dev.gantry.contracts.sandbox.SandboxStatus.STARTING;
import static dev.gantry.sandbox.Api.internal;
import static dev.gantry.sandbox.launcher.kubernetes.KubernetesLauncherProfile.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import dev.gantry.contracts.sandbox.SandboxStatus;
import dev.gantry.contracts.sandbox.SandboxStatusChanged;
import dev.gantry.sandbox.StatusTopic;
import dev.gantry.sandbox.config.TestClock;
import dev.gantry.sandbox.launcher.InstanceSpec;
import dev.gantry.sandbox.launcher.SandboxClaim;
import dev.gantry.sandbox.pool.WarmPool;
import dev.gantry.sandbox.reaper.IdleReaper;
import dev.gantry.sandbox.service.CreateSandboxRequest;
import dev.gantry.sandbox.service.Sandbox;
import dev.gantry.sandbox.service.SandboxService;
import dev.gantry.sandbox.service.TemplateCatalog;
import dev.gantry.testing.KafkaTestResource;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes launcher against the fabric8 mock API server in CRUD mode. No kubelet runs there,
 * so this test plays one: it marks every new sandbox pod Ready, as a node would once the runtime answers.
 */
@QuarkusTest
@TestProfile(KubernetesLauncherProfile.class)
@WithKubernetesTestServer(crud = true)
@WithTestResource(KafkaTestResource.class)
class KubernetesLauncherTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final int CLAIMERS = 8;

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;
    @Inject
    SandboxService sandboxes;
    @Inject
    KubernetesLauncher launcher;
    @Inject
    WarmPool pool;
    @Inject
    TemplateCatalog templates;
    @Inject
    IdleReaper reaper;
    @Inject
    TestClock clock;

    static SharedIndexInformer<Pod> kubelet;
    StatusTopic status;

    @BeforeEach
    void playKubelet() {
        status = new StatusTopic();
        if (kubelet == null) {
            kubelet = client.pods().inNamespace(NAMESPACE).inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Pod pod) {
                    if (pod.getStatus() == null || pod.getStatus().getPhase() == null) {
                        setStatus(pod, "Running", true, null);
                    }
                }

                @Override
                public void onUpdate(Pod before, Pod pod) {
                    onAdd(pod);
                }

                @Override
                public void onDelete(Pod pod, boolean finalStateUnknown) {
                    // nothing runs, so nothing stops
                }
            });
        }
    }

    @AfterEach
    void closeTopic() {
        status.close();
    }

    @Test
    void isReadyWhenTheKubernetesApiAnswers() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Sandbox launcher' }.status", is("UP"))
                .body("checks.find { it.name == 'Sandbox launcher' }.data.namespace", is(NAMESPACE));
    }

    @Test
    void createdSandboxRunsInAHardenedPodWithItsWorkspaceServiceSecretAndPolicy() {
        UUID id = UUID.randomUUID();
        internal().body(Map.of("sandboxId", id.toString(), "ownerId", "alice", "template", "hardened"))
                .post("/sandboxes").then().statusCode(201);
        awaitStatus(id, RUNNING);
        String instance = id.toString();

        Pod pod = client.pods().inNamespace(NAMESPACE).withName("sandbox-" + instance).get();
        PodSpec spec = pod.getSpec();
        assertThat(spec.getAutomountServiceAccountToken()).isFalse();
        assertThat(spec.getRuntimeClassName()).isEqualTo("gvisor");
        assertThat(spec.getNodeSelector()).containsExactly(Map.entry("gantry.dev/pool", "sandboxes"));
        assertThat(spec.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("sandbox");
            assertThat(t.getValue()).isEqualTo("true");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(spec.getImagePullSecrets()).extracting("name").containsExactly("registry-credentials");
        assertThat(spec.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(spec.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(spec.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var container = spec.getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("registry.example/sandbox-runtime:1");
        assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getResources().getLimits()).containsEntry("cpu", new Quantity("1500m"))
                .containsEntry("memory", new Quantity("3Gi")).containsKey("ephemeral-storage");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory", "ephemeral-storage");
        assertThat(container.getVolumeMounts()).extracting("mountPath").containsExactlyInAnyOrder("/workspace", "/tmp");

        assertThat(client.persistentVolumeClaims().inNamespace(NAMESPACE).withName("sandbox-" + instance + "-workspace").get())
                .isNotNull();
        assertThat(client.services().inNamespace(NAMESPACE).withName("sandbox-" + instance).get()).isNotNull();
        var policy = client.network().v1().networkPolicies().inNamespace(NAMESPACE).withName("sandbox-" + instance).get();
        // the manager's client is in its own namespace, not the sandboxes': the platform is admitted from there only
        assertThat(policy.getSpec().getIngress().getFirst().getFrom()).isNotEmpty().allSatisfy(peer -> assertThat(
                peer.getNamespaceSelector().getMatchLabels()).containsExactly(
                        Map.entry("kubernetes.io/metadata.name", client.getNamespace())));
        var secret = client.secrets().inNamespace(NAMESPACE).withName("sandbox-" + instance + "-session").get();
        String key = Optional.ofNullable(secret.getData()).map(d -> d.get("session-api-key"))
                .map(v -> new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8))
                .orElseGet(() -> secret.getStringData().get("session-api-key"));

        internal().get("/sandboxes/{id}/connection", id).then().statusCode(200)
                .body("runtimeUrl", is("http://sandbox-" + instance + ".sandboxes.svc.cluster.local:8080"))
                .body("sessionApiKey", is(key));
        for (HasMetadata object : objectsOf(instance)) {
            assertThat(object.getMetadata().getLabels()).doesNotContainValue(key);
            assertThat(Optional.ofNullable(object.getMetadata().getAnnotations()).orElse(Map.of())).doesNotContainValue(key);
        }
        assertThat(status.rawOf(id)).noneMatch(json -> json.contains(key));
        sandboxes.delete(id);
    }

    @Test
    void pauseDeletesThePodAndKeepsTheWorkspaceAndDeleteRemovesEverything() {
        UUID id = createRunning("default");
        String instance = id.toString();

        sandboxes.pause(id);
        await().atMost(WAIT).until(() -> client.pods().inNamespace(NAMESPACE).withName("sandbox-" + instance).get() == null);
        assertThat(client.persistentVolumeClaims().inNamespace(NAMESPACE).withName("sandbox-" + instance + "-workspace").get())
                .isNotNull();
        assertThat(sandboxes.find(id).orElseThrow().status()).isEqualTo(PAUSED);

        sandboxes.resume(id);
        awaitStatus(id, RUNNING);
        assertThat(client.pods().inNamespace(NAMESPACE).withName("sandbox-" + instance).get()).isNotNull();

        sandboxes.delete(id);
        await().atMost(WAIT).untilAsserted(() -> assertThat(objectsOf(instance)).isEmpty());
        await().atMost(WAIT).untilAsserted(() -> assertThat(status.statusesOf(id))
                .containsExactly(STARTING, RUNNING, PAUSED, STARTING, RUNNING, DELETED));
    }

    @Test
    void aFailedPodIsReportedAsErrorWithTheReason() {
        UUID id = createRunning("default");
        Pod pod = client.pods().inNamespace(NAMESPACE).withName("sandbox-" + id).get();

        setStatus(pod, "Failed", false, "OOMKilled");

        awaitStatus(id, ERROR);
        assertThat(sandboxes.find(id).orElseThrow().detail()).contains("OOMKilled");
        sandboxes.delete(id);
    }

    @Test
    void anApiErrorIsReportedAsErrorAndRetriedWithBackoff() {
        server.expect().post().withPath("/api/v1/namespaces/" + NAMESPACE + "/secrets")
                .andReturn(500, "{\"kind\":\"Status\",\"code\":500,\"message\":\"etcd is sad\"}").once();
        UUID id = UUID.randomUUID();
        sandboxes.create(new CreateSandboxRequest(id, "alice", null, null));

        awaitStatus(id, RUNNING);
        await().atMost(WAIT).untilAsserted(() -> assertThat(status.statusesOf(id))
                .containsExactly(STARTING, ERROR, STARTING, RUNNING));
        SandboxStatusChanged error = status.of(id).get(1);
        assertThat(error.detail()).contains("500");
        sandboxes.delete(id);
    }

    @Test
    void warmClaimsFromManyThreadsAtOnceNeverShareASandbox() throws Exception {
        await().atMost(WAIT).until(() -> pool.readyCount("pooled") == 3);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Sandbox>> claims = new ArrayList<>();
        for (int i = 0; i < CLAIMERS; i++) {
            claims.add(() -> {
                start.await();
                return sandboxes.create(new CreateSandboxRequest(UUID.randomUUID(), "alice", null, "pooled")).sandbox();
            });
        }
        List<Sandbox> created = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(CLAIMERS)) {
            List<Future<Sandbox>> futures = claims.stream().map(threads::submit).toList();
            start.countDown();
            for (Future<Sandbox> future : futures) {
                created.add(future.get());
            }
        }

        List<Sandbox> warm = created.stream().filter(s -> s.status() == RUNNING).toList();
        assertThat(warm).hasSizeGreaterThanOrEqualTo(3);
        assertThat(created.stream().map(Sandbox::instanceId).distinct()).hasSize(CLAIMERS);
        for (Sandbox sandbox : warm) {
            var workspace = client.persistentVolumeClaims().inNamespace(NAMESPACE)
                    .withName("sandbox-" + sandbox.instanceId() + "-workspace").get();
            assertThat(workspace.getMetadata().getLabels()).containsEntry("gantry.dev/sandbox-id", sandbox.id().toString());
        }
        created.forEach(s -> sandboxes.delete(s.id()));
    }

    @Test
    void ofConcurrentClaimsOfOneInstanceTheApiServerLetsOneWin() throws Exception {
        String instance = UUID.randomUUID().toString();
        launcher.start(new InstanceSpec(instance, templates.resolve("pooled"), Optional.empty()));
        CountDownLatch start = new CountDownLatch(1);
        Set<UUID> winners = ConcurrentHashMap.newKeySet();
        try (ExecutorService threads = Executors.newFixedThreadPool(CLAIMERS)) {
            for (int i = 0; i < CLAIMERS; i++) {
                threads.submit(() -> {
                    start.await();
                    SandboxClaim claim = new SandboxClaim(UUID.randomUUID(), "alice", null, Instant.now());
                    if (launcher.claim(instance, claim)) {
                        winners.add(claim.sandboxId());
                    }
                    return null;
                });
            }
            start.countDown();
        }

        assertThat(winners).hasSize(1);
        assertThat(client.persistentVolumeClaims().inNamespace(NAMESPACE).withName("sandbox-" + instance + "-workspace")
                .get().getMetadata().getLabels()).containsEntry("gantry.dev/sandbox-id", winners.iterator().next().toString());
        launcher.remove(instance);
    }

    @Test
    void reaperPausesIdleSandboxesAndDeletesExpiredOnesOnTime() {
        UUID id = createRunning("default");

        clock.advance(Duration.ofMinutes(10).minusSeconds(5));
        reaper.reap().join();
        assertThat(sandboxes.find(id).orElseThrow().status()).isEqualTo(RUNNING);

        clock.advance(Duration.ofSeconds(10));
        reaper.reap().join();
        assertThat(sandboxes.find(id).orElseThrow().status()).isEqualTo(PAUSED);
        assertThat(client.pods().inNamespace(NAMESPACE).withName("sandbox-" + id).get()).isNull();
        assertThat(client.persistentVolumeClaims().inNamespace(NAMESPACE).withName("sandbox-" + id + "-workspace").get())
                .isNotNull();

        clock.advance(Duration.ofHours(2));
        reaper.reap().join();
        assertThat(sandboxes.find(id)).isEmpty();
        assertThat(objectsOf(id.toString())).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> assertThat(status.statusesOf(id)).endsWith(PAUSED, DELETED));
    }

    private UUID createRunning(String template) {
        UUID id = UUID.randomUUID();
        sandboxes.create(new CreateSandboxRequest(id, "alice", null, template));
        awaitStatus(id, RUNNING);
        return id;
    }

    private void awaitStatus(UUID id, SandboxStatus wanted) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> sandboxes.find(id).map(Sandbox::status).orElse(null) == wanted);
    }

    private List<HasMetadata> objectsOf(String instance) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.addAll(client.pods().inNamespace(NAMESPACE).withLabel("gantry.dev/sandbox-instance", instance).list().getItems());
        objects.addAll(client.persistentVolumeClaims().inNamespace(NAMESPACE).withLabel("gantry.dev/sandbox-instance", instance)
                .list().getItems());
        objects.addAll(client.services().inNamespace(NAMESPACE).withLabel("gantry.dev/sandbox-instance", instance).list().getItems());
        objects.addAll(client.secrets().inNamespace(NAMESPACE).withLabel("gantry.dev/sandbox-instance", instance).list().getItems());
        objects.addAll(client.network().v1().networkPolicies().inNamespace(NAMESPACE)
                .withLabel("gantry.dev/sandbox-instance", instance).list().getItems());
        return objects;
    }

    private void setStatus(Pod pod, String phase, boolean ready, String terminatedReason) {
        var container = new ContainerStatusBuilder().withName("runtime").withReady(ready).withRestartCount(0)
                .withImage(pod.getSpec().getContainers().getFirst().getImage());
        if (terminatedReason != null) {
            container.withNewState().withNewTerminated().withExitCode(137).withReason(terminatedReason)
                    .endTerminated().endState();
        } else {
            container.withNewState().withNewRunning().endRunning().endState();
        }
        pod.setStatus(new PodStatusBuilder().withPhase(phase)
                .withConditions(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False").build())
                .withContainerStatuses(container.build()).build());
        client.pods().inNamespace(NAMESPACE).resource(pod).updateStatus();
    }
}
