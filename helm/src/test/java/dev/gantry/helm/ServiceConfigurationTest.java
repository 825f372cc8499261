package dev.gantry.helm;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The settings the chart gives each service, read through that service's own config mappings the way
 * Quarkus reads them (its config file, then its environment): every {@code gantry.*} key the chart writes is
 * one the service knows, and every setting the service requires is given.
 */
class ServiceConfigurationTest {

    private static final Map<String, List<Class<?>>> MAPPINGS = Map.of(
            "gateway", List.of(dev.gantry.gateway.config.GatewayConfig.class),
            "conversation-service", List.of(dev.gantry.conversation.config.ConversationConfig.class,
                    dev.gantry.conversation.config.SecretsConfig.class, dev.gantry.conversation.config.InternalApiConfig.class,
                    dev.gantry.conversation.config.OutboxConfig.class, dev.gantry.conversation.config.ProjectionConfig.class),
            "agent-worker", List.of(dev.gantry.worker.config.WorkerConfig.class,
                    dev.gantry.worker.config.InternalApiConfig.class),
            "sandbox-manager", List.of(dev.gantry.sandbox.config.SandboxConfig.class,
                    dev.gantry.sandbox.config.InternalApiConfig.class),
            "event-store", List.of(dev.gantry.eventstore.config.EventStoreConfig.class),
            "integrations-service", List.of(dev.gantry.integrations.config.IntegrationsConfig.class));

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "conversation-service", "agent-worker", "sandbox-manager", "event-store",
            "integrations-service"})
    void theServiceReadsEverySettingItIsGivenAndIsGivenEveryOneItRequires(String service) {
        RenderedChart chart = RenderedChart.render(Map.of());
        assertThatCode(() -> read(service, chart)).doesNotThrowAnyException();
    }

    @Test
    void sandboxPlacementAndTolerationsReachTheManagersTemplate() {
        RenderedChart chart = RenderedChart.render(Map.of(
                "sandboxes.runtimeClassName", "gvisor",
                "sandboxes.storageClassName", "fast-ssd",
                "sandboxes.nodeSelector.kubernetes\\.io/arch", "amd64",
                "sandboxes.tolerations[0].key", "gantry.dev/sandboxes",
                "sandboxes.tolerations[0].operator", "Exists",
                "sandboxes.tolerations[0].effect", "NoSchedule",
                "sandboxes.imagePullSecrets[0]", "registry-credentials"));
        dev.gantry.sandbox.config.SandboxConfig.Template template = read("sandbox-manager", chart)
                .getConfigMapping(dev.gantry.sandbox.config.SandboxConfig.class).templates().get("default");
        org.assertj.core.api.Assertions.assertThat(template.runtimeClassName()).hasValue("gvisor");
        org.assertj.core.api.Assertions.assertThat(template.storageClassName()).hasValue("fast-ssd");
        org.assertj.core.api.Assertions.assertThat(template.nodeSelector()).containsEntry("kubernetes.io/arch", "amd64");
        org.assertj.core.api.Assertions.assertThat(template.tolerations()).hasValueSatisfying(tolerations -> {
            org.assertj.core.api.Assertions.assertThat(tolerations).singleElement().satisfies(t -> {
                org.assertj.core.api.Assertions.assertThat(t.key()).isEqualTo("gantry.dev/sandboxes");
                org.assertj.core.api.Assertions.assertThat(t.operator()).isEqualTo("Exists");
                org.assertj.core.api.Assertions.assertThat(t.effect()).hasValue("NoSchedule");
            });
        });
        org.assertj.core.api.Assertions.assertThat(template.imagePullSecrets()).hasValue(List.of("registry-credentials"));
    }

    @Test
    void aSettingNoServiceReadsWouldBeFound() {
        // the check above can fail: a key the mapping does not know is refused
        RenderedChart chart = RenderedChart.render(Map.of());
        Properties config = chart.config("sandbox-manager");
        config.setProperty("gantry.sandbox.templates.default.cpu-request", "1");
        assertThatThrownBy(() -> build("sandbox-manager", config, Map.of()))
                .hasMessageContaining("gantry.sandbox.templates.default.cpu-request");
    }

    private static io.smallrye.config.SmallRyeConfig read(String service, RenderedChart chart) {
        Map<String, String> env = new HashMap<>();
        for (EnvVar variable : chart.container(service).getEnv()) {
            // a Secret's value is the cluster's: any value stands for it here
            env.put(variable.getName(), variable.getValueFrom() == null ? variable.getValue() : "from-a-secret");
        }
        return build(service, chart.config(service), env);
    }

    private static io.smallrye.config.SmallRyeConfig build(String service, Properties config, Map<String, String> env) {
        Map<String, String> file = new HashMap<>();
        config.forEach((key, value) -> file.put((String) key, (String) value));
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(file, "chart application.properties", 260))
                .withSources(new EnvConfigSource(env, 300) {
                })
                .withSources(new SysPropConfigSource())
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withValidateUnknown(true);
        MAPPINGS.get(service).forEach(builder::withMapping);
        return builder.build();
    }
}
