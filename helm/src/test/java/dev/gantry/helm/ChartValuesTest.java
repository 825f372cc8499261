package dev.gantry.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What an installer gives the chart: missing and wrong values are refused with the field and the reason. */
class ChartValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"kafka.bootstrapServers", "postgresql.host", "postgresql.password", "redis.url",
            "auth.issuer", "secrets.masterKey", "internalAuth.userTokenPrivateKey", "internalAuth.userTokenPublicKey",
            "internalAuth.serviceTokens.gateway", "internalAuth.serviceTokens.agentWorker",
            "internalAuth.serviceTokens.integrationsService"})
    void aMissingRequiredValueIsNamedWithWhatItIs(String key) {
        assertThatThrownBy(() -> RenderedChart.render(Map.of(key, "")))
                .hasMessageContaining(key + " ").hasMessageContaining("is required:");
    }

    @Test
    void theGatewayNeedsAWayToVerifyTokens() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("auth.publicKeyLocation", "")))
                .hasMessageContaining("auth.publicKeyLocation or auth.publicKey is required");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sandboxManager.replicas | 2 | /sandboxManager/replicas",
            "conversationService.defaults.confirmationPolicy | sometimes | /conversationService/defaults/confirmationPolicy",
            "kafka.bootstrapServers | kafka | /kafka/bootstrapServers",
            "redis.url | redis-master:6379 | /redis/url",
            "sandboxes.idleTimeout | half an hour | /sandboxes/idleTimeout",
            "sandboxes.resources.memoryLimit | 4 gigs | /sandboxes/resources/memoryLimit",
            "agentWorker.replicas | -1 | /agentWorker/replicas",
            "agentWorker.llm.fallbackModels[0] | deepseek/deepseek-chat | /agentWorker/llm/fallbackModels/0",
            "agentWorker.llm.temperature | 3 | /agentWorker/llm/temperature",
            "agentWorker.llm.maxOutputTokens | 0 | /agentWorker/llm/maxOutputTokens",
            "agentWorker.condenser.mode | summarize | /agentWorker/condenser/mode",
            "agentWorker.condenser.maxSize | 2 | /agentWorker/condenser/maxSize",
            "sandboxes.namespace | Agent_Sandboxes | /sandboxes/namespace",
            "internalAuth.userTokenLifetime | a minute | /internalAuth/userTokenLifetime",
            "agentWorker.prices.my-llm.input | cheap | /agentWorker/prices/my-llm/input",
            "agentWorker.prices.my-llm.perToken | 1 | /agentWorker/prices/my-llm",
            "agentWorker.risk.confirmAt | UNKNOWN | /agentWorker/risk/confirmAt",
            "conversationService.defaults.maxTokens | -5 | /conversationService/defaults/maxTokens",
            "conversationService.admission.maxRunning | 0 | /conversationService/admission/maxRunning",
            "tracing.otlpEndpoint | otel-collector:4317 | /tracing/otlpEndpoint",
            "tracing.protocol | http/json | /tracing/protocol",
            "secrets.masterKey | c2hvcnQ= | secrets.masterKey must be the base64 of 32 bytes"})
    void aValueOutOfItsRangeIsRefusedNamingTheField(String key, String value, String named) {
        assertThatThrownBy(() -> RenderedChart.render(Map.of(key, value))).hasMessageContaining(named);
    }

    @Test
    void noSecretValueIsWrittenOutsideASecret() {
        RenderedChart chart = RenderedChart.render(Map.of());
        for (HasMetadata object : chart.objects()) {
            if (object instanceof Secret) {
                continue;
            }
            assertThat(Serialization.asYaml(object)).as(object.getKind() + " " + object.getMetadata().getName())
                    .doesNotContain("s3cret-db-password", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        }
        Secret platform = chart.get(Secret.class, "gantry-platform");
        assertThat(platform.getData()).containsOnlyKeys("secrets-master-key");
        assertThat(Base64.getDecoder().decode(decode(platform, "secrets-master-key"))).hasSize(32);
        assertThat(platform.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(decode(chart.get(Secret.class, "gantry-database"), "password")).isEqualTo("s3cret-db-password");
    }

    @Test
    void existingSecretsAreUsedInsteadOfTheChartsOwn() {
        RenderedChart chart = RenderedChart.render(Map.of("secrets.existingSecret", "gantry-keys",
                "secrets.masterKey", "", "postgresql.existingSecret", "pg-credentials",
                "postgresql.password", ""));
        assertThat(chart.all(Secret.class)).extracting(secret -> secret.getMetadata().getName())
                .containsExactly(RenderedChart.objectName("internal-auth"));
        assertThat(chart.container("conversation-service").getEnv())
                .filteredOn(env -> env.getValueFrom() != null)
                .extracting(env -> env.getName() + "=" + env.getValueFrom().getSecretKeyRef().getName() + "/"
                        + env.getValueFrom().getSecretKeyRef().getKey())
                .containsExactlyInAnyOrder("GANTRY_DB_PASSWORD=pg-credentials/password",
                        "GANTRY_SECRETS_MASTER_KEY=gantry-keys/secrets-master-key");
    }

    @Test
    void aPemPublicKeyIsMountedForTheGateway() {
        RenderedChart chart = RenderedChart.render(Map.of("auth.publicKeyLocation", "",
                "auth.publicKey", "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n"));
        assertThat(decode(chart.get(Secret.class, "gantry-jwt"), "jwt-public.pem")).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(chart.config("gateway").getProperty("mp.jwt.verify.publickey.location"))
                .isEqualTo("file:/etc/gantry/jwt/jwt-public.pem");
        assertThat(chart.container("gateway").getVolumeMounts())
                .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/etc/gantry/jwt"));
    }

    @Test
    void helmLintFindsNothingInStrictMode(@TempDir Path copy) throws IOException {
        RenderedChart.copy(copy);
        // lint renders with the chart's own values.yaml: give it the required ones
        ObjectMapper yaml = new YAMLMapper();
        ObjectNode merged = (ObjectNode) yaml.readerForUpdating(yaml.readTree(copy.resolve("values.yaml").toFile()))
                .readValue(RenderedChart.REQUIRED_VALUES.toFile());
        yaml.writeValue(copy.resolve("values.yaml").toFile(), merged);

        LintResult lint = new Helm(copy).lint().strict().call();
        assertThat(lint.getMessages()).noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    private static String decode(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)));
    }
}
