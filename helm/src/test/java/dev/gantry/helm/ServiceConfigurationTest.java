package dev.gantry.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.contracts.command.CondenserMode;
import dev.gantry.conversation.config.ConversationConfig;
import dev.gantry.conversation.config.OutboxConfig;
import dev.gantry.conversation.config.ProjectionConfig;
import dev.gantry.conversation.config.SecretsConfig;
import dev.gantry.eventstore.config.EventStoreConfig;
import dev.gantry.gateway.config.GatewayConfig;
import dev.gantry.integrations.config.IntegrationsConfig;
import dev.gantry.platform.auth.InternalAuthConfig;
import dev.gantry.sandbox.config.SandboxConfig;
import dev.gantry.worker.condenser.CondenserConfig;
import dev.gantry.worker.config.WorkerConfig;
import dev.gantry.contracts.event.SecurityRisk;
import dev.gantry.worker.skills.SkillsConfig;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The settings the chart gives each service, read through that service's own config mappings the way
 * Quarkus reads them (its config file, then its environment): every {@code gantry.*} key the chart writes is
 * one the service knows, and every setting the service requires is given.
 */
class ServiceConfigurationTest {

    private static final Map<String, List<Class<?>>> MAPPINGS = Map.of(
            "gateway", List.of(GatewayConfig.class, InternalAuthConfig.class),
            "conversation-service", List.of(ConversationConfig.class, SecretsConfig.class,
                    OutboxConfig.class, ProjectionConfig.class, InternalAuthConfig.class),
            "agent-worker", List.of(WorkerConfig.class, CondenserConfig.class, SkillsConfig.class,
                    InternalAuthConfig.class),
            "sandbox-manager", List.of(SandboxConfig.class, InternalAuthConfig.class),
            "event-store", List.of(EventStoreConfig.class, InternalAuthConfig.class),
            "integrations-service", List.of(IntegrationsConfig.class, InternalAuthConfig.class));

    static List<String> services() {
        return RenderedChart.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
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
        SandboxConfig.Template template = read("sandbox-manager", chart)
                .getConfigMapping(SandboxConfig.class).templates().get("default");
        assertThat(template.runtimeClassName()).hasValue("gvisor");
        assertThat(template.storageClassName()).hasValue("fast-ssd");
        assertThat(template.nodeSelector()).containsEntry("kubernetes.io/arch", "amd64");
        assertThat(template.tolerations()).hasValueSatisfying(tolerations -> {
            assertThat(tolerations).singleElement().satisfies(t -> {
                assertThat(t.key()).isEqualTo("gantry.dev/sandboxes");
                assertThat(t.operator()).isEqualTo("Exists");
                assertThat(t.effect()).hasValue("NoSchedule");
            });
        });
        assertThat(template.imagePullSecrets()).hasValue(List.of("registry-credentials"));
    }

    @Test
    void theLlmProvidersFallbacksSamplingAndInstallationKeysReachTheWorker() {
        RenderedChart chart = RenderedChart.render(Map.of(
                "agentWorker.llm.anthropicBaseUrl", "https://anthropic.internal.example/v1",
                "agentWorker.llm.ollamaBaseUrl", "http://ollama.models.svc:11434",
                "agentWorker.llm.anthropicPromptCaching", "false",
                "agentWorker.llm.fallbackModels[0]", "anthropic/claude-haiku-4-5",
                "agentWorker.llm.fallbackModels[1]", "gemini/gemini-2.5-flash",
                "agentWorker.llm.temperature", "0.2",
                "agentWorker.llm.topP", "0.9",
                "agentWorker.llm.maxOutputTokens", "4096",
                "agentWorker.llm.apiKeysSecret", "llm-keys"));
        WorkerConfig.Llm llm = read("agent-worker", chart).getConfigMapping(WorkerConfig.class).llm();
        assertThat(llm.anthropic().baseUrl()).isEqualTo("https://anthropic.internal.example/v1");
        assertThat(llm.anthropic().promptCaching()).isFalse();
        assertThat(llm.gemini().baseUrl()).isEqualTo("https://generativelanguage.googleapis.com/v1beta");
        assertThat(llm.ollama().baseUrl()).isEqualTo("http://ollama.models.svc:11434");
        assertThat(llm.fallbackModels()).hasValue(List.of("anthropic/claude-haiku-4-5", "gemini/gemini-2.5-flash"));
        assertThat(llm.temperature()).hasValue(0.2);
        assertThat(llm.topP()).hasValue(0.9);
        assertThat(llm.maxOutputTokens()).hasValue(4096);
        assertThat(llm.defaultApiKey()).hasValue("from-a-secret");
        assertThat(llm.anthropic().apiKey()).hasValue("from-a-secret");
        assertThat(llm.gemini().apiKey()).hasValue("from-a-secret");
        assertThat(llm.ollama().apiKey()).hasValue("from-a-secret");
        assertThat(chart.container("agent-worker").getEnv()).filteredOn(e -> e.getName().startsWith("GANTRY_WORKER_LLM_"))
                .allSatisfy(e -> {
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("llm-keys");
                    assertThat(e.getValueFrom().getSecretKeyRef().getOptional()).isTrue();
                });

        WorkerConfig.Llm defaults = read("agent-worker", RenderedChart.render(Map.of()))
                .getConfigMapping(WorkerConfig.class).llm();
        assertThat(defaults.fallbackModels()).isEmpty();
        assertThat(defaults.anthropic().promptCaching()).isTrue();
        assertThat(defaults.temperature()).isEmpty();
        assertThat(defaults.maxOutputTokens()).isEmpty();
        assertThat(defaults.defaultApiKey()).isEmpty();
    }

    @Test
    void theWebUisOidcSignInIsOffByDefaultAndWhenEnabledNamesTheIssuerOfTheApisTokens() {
        GatewayConfig.Ui.Oidc off = read("gateway", RenderedChart.render(Map.of()))
                .getConfigMapping(GatewayConfig.class).ui().oidc();
        assertThat(off.enabled()).isFalse();

        GatewayConfig.Ui.Oidc on = read("gateway", RenderedChart.render(Map.of(
                "gateway.ui.oidc.enabled", "true", "gateway.ui.oidc.clientId", "gantry-ui")))
                .getConfigMapping(GatewayConfig.class).ui().oidc();
        assertThat(on.enabled()).isTrue();
        assertThat(on.clientId()).hasValue("gantry-ui");
        assertThat(on.issuer()).hasValue(read("gateway", RenderedChart.render(Map.of()))
                .getConfigMapping(GatewayConfig.class).auth().issuer());
        assertThat(on.scopes()).isEqualTo("openid profile email");
    }

    @Test
    void theInstallationsCondenserReachesTheWorker() {
        CondenserConfig condenser = read("agent-worker", RenderedChart.render(Map.of(
                "agentWorker.condenser.mode", "recent-events-only", "agentWorker.condenser.maxSize", "120")))
                .getConfigMapping(CondenserConfig.class);
        assertThat(condenser.mode()).isEqualTo(CondenserMode.RECENT_EVENTS_ONLY);
        assertThat(condenser.maxSize()).isEqualTo(120);
        assertThat(condenser.keepFirst()).isEqualTo(4);
    }

    @Test
    void theWorkerReadsTheInstallationsSkillDirectoryTheChartMounts() {
        RenderedChart chart = RenderedChart.render(Map.of("agentWorker.skills.rules\\.md", "Be brief."));

        assertThat(read("agent-worker", chart).getConfigMapping(SkillsConfig.class).directory())
                .hasValue("/etc/gantry/skills");
    }

    @ParameterizedTest
    @MethodSource("services")
    void theServiceReadsItsInternalAuthSettingsAsThePlatformModuleDoes(String service) {
        InternalAuthConfig auth = read(service, RenderedChart.render(Map.of())).getConfigMapping(InternalAuthConfig.class);
        boolean gateway = service.equals("gateway");
        assertThat(auth.userToken().privateKey().isPresent()).as("private key").isEqualTo(gateway);
        assertThat(auth.userToken().publicKey().isPresent()).as("public key").isEqualTo(!gateway);
        assertThat(auth.serviceToken().isPresent()).as("service token")
                .isEqualTo(List.of("gateway", "agent-worker", "integrations-service").contains(service));
        assertThat(auth.acceptedServiceTokens().orElse(List.of())).as("accepted tokens").hasSize(gateway ? 0 : 3);
        assertThat(auth.userToken().lifetime()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void pricesTheRiskThresholdTheBudgetDefaultsAndTheAdmissionLimitsReachTheServicesThatReadThem() {
        RenderedChart chart = RenderedChart.render(Map.of(
                "agentWorker.prices.ollama/llama3:8b.input", "0.2",
                "agentWorker.prices.ollama/llama3:8b.output", "0.6",
                "agentWorker.prices.gpt-4\\.1.cachedInput", "0.4",
                "agentWorker.prices.claude-haiku-4-5.cacheWriteInput", "1.5",
                "agentWorker.risk.confirmAt", "HIGH",
                "conversationService.defaults.maxBudget", "5.00",
                "conversationService.defaults.maxTokens", "200000",
                "conversationService.admission.maxRunningPerUser", "4"));

        WorkerConfig worker = read("agent-worker", chart).getConfigMapping(WorkerConfig.class);
        assertThat(worker.prices().get("ollama/llama3:8b").input()).hasValue(new BigDecimal("0.2"));
        assertThat(worker.prices().get("ollama/llama3:8b").output()).hasValue(new BigDecimal("0.6"));
        assertThat(worker.prices().get("ollama/llama3:8b").cachedInput()).isEmpty();
        assertThat(worker.prices().get("gpt-4.1").cachedInput()).hasValue(new BigDecimal("0.4"));
        assertThat(worker.prices().get("claude-haiku-4-5").cacheWriteInput()).hasValue(new BigDecimal("1.5"));
        assertThat(worker.risk().confirmAt()).isEqualTo(SecurityRisk.HIGH);
        ConversationConfig.Defaults defaults = read("conversation-service", chart).getConfigMapping(ConversationConfig.class)
                .defaults();
        assertThat(defaults.maxBudget()).hasValue(new BigDecimal("5.00"));
        assertThat(defaults.maxTokens()).hasValue(200_000L);
        ConversationConfig.Admission admission = read("conversation-service", chart)
                .getConfigMapping(ConversationConfig.class).admission();
        assertThat(admission.maxRunningPerUser()).isEqualTo(4);
        assertThat(admission.maxRunning()).hasValue(128);
        assertThat(admission.enabled()).isTrue();

        WorkerConfig plain = read("agent-worker", RenderedChart.render(Map.of())).getConfigMapping(WorkerConfig.class);
        assertThat(plain.prices()).isEmpty();
        assertThat(plain.risk().confirmAt()).isEqualTo(SecurityRisk.MEDIUM);
        assertThat(read("conversation-service", RenderedChart.render(Map.of())).getConfigMapping(ConversationConfig.class)
                .defaults().maxTokens()).isEmpty();
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

    private static SmallRyeConfig read(String service, RenderedChart chart) {
        Map<String, String> env = new HashMap<>();
        for (EnvVar variable : chart.container(service).getEnv()) {
            // a Secret's value is the cluster's: any value stands for it here
            env.put(variable.getName(), variable.getValueFrom() == null ? variable.getValue() : "from-a-secret");
        }
        return build(service, chart.config(service), env);
    }

    private static SmallRyeConfig build(String service, Properties config, Map<String, String> env) {
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
