package dev.gantry.helm;

import static dev.gantry.helm.RenderedChart.SERVICES;
import static dev.gantry.helm.RenderedChart.objectName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.Topics;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the chart deploys with the values every install gives. */
class PlatformObjectsTest {

    private final RenderedChart chart = RenderedChart.render(Map.of());

    @Test
    void everyServiceRunsUnprivilegedWithHealthProbesAndAMemoryLimit() {
        assertThat(chart.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(SERVICES.stream().map(RenderedChart::objectName).toList());
        for (String service : SERVICES) {
            PodSpec pod = chart.deployment(service).getSpec().getTemplate().getSpec();
            Container container = chart.container(service);
            assertThat(container.getImage()).as(service).isEqualTo("ghcr.io/gantry-dev/" + service + ":0.1.0");
            assertThat(container.getStartupProbe().getHttpGet().getPath()).as(service).isEqualTo("/q/health/started");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(service).isEqualTo("/q/health/live");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(service).isEqualTo("/q/health/ready");
            assertThat(container.getResources().getLimits()).as(service).containsKey("memory");
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(service).isTrue();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(service).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(service).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(service).containsExactly("ALL");
            // only the sandbox-manager talks to the Kubernetes API
            assertThat(pod.getAutomountServiceAccountToken()).as(service).isEqualTo(service.equals("sandbox-manager"));
        }
    }

    @Test
    void eachServiceSelectsThePodsOfItsOwnDeploymentOnly() {
        for (String service : SERVICES) {
            Map<String, String> selector = chart.get(Service.class, objectName(service)).getSpec().getSelector();
            for (Deployment deployment : chart.all(Deployment.class)) {
                Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
                boolean selected = podLabels.entrySet().containsAll(selector.entrySet());
                assertThat(selected).as("Service %s selects the pods of %s", service, deployment.getMetadata().getName())
                        .isEqualTo(deployment.getMetadata().getName().equals(objectName(service)));
            }
        }
    }

    @Test
    void sandboxesLetInTheAgentWorkerAndTheSandboxManagerOfThisReleaseOnly() {
        // the sandbox-manager puts this selector in every sandbox's NetworkPolicy
        String[] allowed = chart.config("sandbox-manager").getProperty("gantry.sandbox.kubernetes.allowed-clients").split("=");
        for (String service : SERVICES) {
            Map<String, String> podLabels = chart.deployment(service).getSpec().getTemplate().getMetadata().getLabels();
            assertThat(allowed[1].equals(podLabels.get(allowed[0]))).as(service + " may reach sandboxes")
                    .isEqualTo(service.equals("agent-worker") || service.equals("sandbox-manager"));
        }
        assertThat(chart.config("sandbox-manager").getProperty("gantry.sandbox.kubernetes.namespace"))
                .isEqualTo(RenderedChart.NAMESPACE);
        assertThat(chart.config("sandbox-manager").getProperty("gantry.sandbox.kubernetes.allowed-clients-namespace"))
                .isEqualTo(RenderedChart.NAMESPACE);
        assertThat(chart.get(Role.class, objectName("sandbox-manager")).getMetadata().getNamespace())
                .isEqualTo(RenderedChart.NAMESPACE);
    }

    @Test
    void sandboxesInANamespaceOfTheirOwnAreManagedThereAndAdmitTheReleasesPodsFromItsNamespace() {
        RenderedChart apart = RenderedChart.render(Map.of("sandboxes.namespace", "agent-sandboxes"));
        Properties manager = apart.config("sandbox-manager");
        assertThat(manager.getProperty("gantry.sandbox.kubernetes.namespace")).isEqualTo("agent-sandboxes");
        // the manager writes it as the namespaceSelector of every sandbox's NetworkPolicy
        assertThat(manager.getProperty("gantry.sandbox.kubernetes.allowed-clients-namespace"))
                .isEqualTo(RenderedChart.NAMESPACE);
        Role role = apart.get(Role.class, objectName("sandbox-manager"));
        RoleBinding binding = apart.get(RoleBinding.class, objectName("sandbox-manager"));
        assertThat(role.getMetadata().getNamespace()).isEqualTo("agent-sandboxes");
        assertThat(binding.getMetadata().getNamespace()).isEqualTo("agent-sandboxes");
        assertThat(binding.getSubjects()).singleElement()
                .satisfies(subject -> assertThat(subject.getNamespace()).isEqualTo(RenderedChart.NAMESPACE));
        // the platform's own objects stay in the release's namespace
        assertThat(apart.deployment("sandbox-manager").getMetadata().getNamespace()).isIn(null, RenderedChart.NAMESPACE);
    }

    @Test
    void theIntegrationsServiceReadsCallbacksFromConversationServiceWithItsOwnToken() {
        assertThat(chart.config("integrations-service").getProperty("quarkus.rest-client.conversation-service.url"))
                .isEqualTo("http://" + objectName("conversation-service") + ":8080");
        assertThat(chart.config("integrations-service").getProperty("quarkus.rest-client.event-store.url"))
                .isEqualTo("http://" + objectName("event-store") + ":8080");
        assertThat(chart.container("integrations-service").getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("GANTRY_AUTH_SERVICE_TOKEN");
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo(objectName("internal-auth"));
            assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("integrations-service-token");
        });
    }

    @Test
    void everyServiceListensOnThePodsAddressesNotOnlyLoopback() {
        for (String service : SERVICES) {
            assertThat(chart.container(service).getEnv()).as(service).anySatisfy(env -> {
                assertThat(env.getName()).isEqualTo("QUARKUS_HTTP_HOST");
                assertThat(env.getValue()).isEqualTo("0.0.0.0");
            });
        }
    }

    @Test
    void aClusterKeepsUserNamedUrlsOffItsOwnAddressesUnlessToldOtherwise() {
        for (String service : List.of("integrations-service", "agent-worker", "conversation-service")) {
            assertThat(chart.config(service).getProperty("gantry.outbound.allow-private-addresses")).as(service).isEqualTo("false");
        }
    }

    @Test
    void theSandboxManagerMayManageSandboxObjectsInTheReleaseNamespaceOnly() {
        Role role = chart.get(Role.class, objectName("sandbox-manager"));
        assertThat(verbs(role.getRules(), "", "pods")).contains("watch", "list", "get", "create", "delete", "patch");
        assertThat(verbs(role.getRules(), "", "persistentvolumeclaims")).contains("list", "get", "create", "update", "delete");
        assertThat(verbs(role.getRules(), "", "services")).contains("get", "create", "patch", "delete");
        assertThat(verbs(role.getRules(), "", "secrets")).contains("get", "create", "patch", "delete");
        assertThat(verbs(role.getRules(), "networking.k8s.io", "networkpolicies")).contains("get", "create", "patch", "delete");
        assertThat(role.getRules()).allSatisfy(rule -> assertThat(rule.getVerbs()).doesNotContain("*"));

        RoleBinding binding = chart.get(RoleBinding.class, objectName("sandbox-manager"));
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getName()).isEqualTo(chart.deployment("sandbox-manager").getSpec().getTemplate()
                    .getSpec().getServiceAccountName());
            assertThat(subject.getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
        });
    }

    @Test
    void theTopicJobCreatesTheTopicsOfTheContractBeforeTheServicesStart(@TempDir Path copy) throws IOException {
        Path jobTemplate = Path.of("templates", "kafka-topics-job.yaml");
        String text = Files.readString(RenderedChart.CHART.resolve(jobTemplate));
        assertThat(text).contains("helm.sh/hook: pre-install,pre-upgrade");
        // helm template leaves hooks out: render a copy whose Job is not one
        Files.writeString(RenderedChart.copy(copy).resolve(jobTemplate), text.replace("helm.sh/hook:", "was-hook:"));
        Job job = RenderedChart.render(copy, Map.of()).get(Job.class, objectName("kafka-topics"));
        List<String> commands = job.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs().getFirst()
                .lines().filter(line -> line.contains("--create")).toList();
        assertThat(commands).hasSize(Topics.ALL.size());
        for (Topics.TopicSpec topic : Topics.ALL) {
            assertThat(commands).as(topic.name()).anySatisfy(command -> {
                assertThat(command).contains("--topic " + topic.name() + " ", "--partitions " + topic.partitions() + " ",
                        "--replication-factor 3", "--if-not-exists");
                topic.configs().forEach((key, value) -> assertThat(command).contains("--config " + key + "=" + value));
            });
        }
    }

    @Test
    void theTopicJobCanBeLeftToWhoeverManagesTheTopics(@TempDir Path copy) throws IOException {
        Path jobTemplate = RenderedChart.copy(copy).resolve("templates/kafka-topics-job.yaml");
        Files.writeString(jobTemplate, Files.readString(jobTemplate).replace("helm.sh/hook:", "was-hook:"));
        assertThat(RenderedChart.render(copy, Map.of()).all(Job.class)).hasSize(1);
        assertThat(RenderedChart.render(copy, Map.of("kafka.topics.create", false)).all(Job.class)).isEmpty();
    }

    private static List<String> verbs(List<PolicyRule> rules, String group, String resource) {
        return rules.stream()
                .filter(rule -> rule.getApiGroups().contains(group) && rule.getResources().contains(resource))
                .flatMap(rule -> rule.getVerbs().stream()).toList();
    }
}
