package dev.gantry.helm;

import static dev.gantry.helm.RenderedChart.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The credentials of internal calls: each pod gets exactly its own (the gateway alone the signing key, each caller
 * its own token), the services accept the callers' token digests, and wrong or missing values are refused with
 * the command that makes them.
 */
class InternalAuthTest {

    private static final String SECRET = RenderedChart.objectName("internal-auth");
    private static final Map<String, String> TOKENS = Map.of(
            "gateway", "s3cret-gateway-token",
            "agent-worker", "s3cret-agent-worker-token",
            "integrations-service", "s3cret-integrations-service-token");
    private static final List<String> VERIFIERS = SERVICES.stream().filter(s -> !s.equals("gateway")).toList();
    private static final Map<String, Object> YOUR_SECRET = Map.of("internalAuth.existingSecret", "gantry-internal-auth",
            "internalAuth.userTokenPrivateKey", "", "internalAuth.serviceTokens.gateway", "",
            "internalAuth.serviceTokens.agentWorker", "", "internalAuth.serviceTokens.integrationsService", "");

    private final RenderedChart chart = RenderedChart.render(Map.of());

    @Test
    void eachPodReadsExactlyTheSecretsItsServiceNeeds() {
        String platform = RenderedChart.objectName("platform");
        String database = RenderedChart.objectName("database");
        Map<String, List<String>> expected = Map.of(
                "gateway", List.of("GANTRY_AUTH_USER_TOKEN_PRIVATE_KEY=" + SECRET + "/user-token-private-key",
                        "GANTRY_AUTH_SERVICE_TOKEN=" + SECRET + "/gateway-token"),
                "agent-worker", List.of("GANTRY_AUTH_SERVICE_TOKEN=" + SECRET + "/agent-worker-token"),
                "integrations-service", List.of("GANTRY_AUTH_SERVICE_TOKEN=" + SECRET + "/integrations-service-token"),
                "conversation-service", List.of("GANTRY_DB_PASSWORD=" + database + "/password",
                        "GANTRY_SECRETS_MASTER_KEY=" + platform + "/secrets-master-key"),
                "event-store", List.of("GANTRY_DB_PASSWORD=" + database + "/password"),
                "sandbox-manager", List.of());
        for (String service : SERVICES) {
            assertThat(secretRefs(chart, service)).as(service).containsExactlyInAnyOrderElementsOf(expected.get(service));
            assertThat(chart.deployment(service).getSpec().getTemplate().getSpec().getVolumes()).as(service)
                    .noneMatch(volume -> volume.getSecret() != null
                            && List.of(SECRET, platform).contains(volume.getSecret().getSecretName()));
        }
    }

    @Test
    void theVerifyingServicesGetThePublicKeyAndTheAcceptedDigestsAndTheGatewayNeither() {
        String publicKey = RenderedChart.requiredValue("internalAuth", "userTokenPublicKey");
        for (String service : VERIFIERS) {
            assertThat(plainEnv(service, "GANTRY_AUTH_USER_TOKEN_PUBLIC_KEY")).as(service).hasValue(publicKey);
            assertThat(chart.config(service).getProperty("gantry.auth.accepted-service-tokens")).as(service).isNotBlank();
        }
        assertThat(plainEnv("gateway", "GANTRY_AUTH_USER_TOKEN_PUBLIC_KEY")).isEmpty();
        assertThat(chart.config("gateway").getProperty("gantry.auth.accepted-service-tokens")).isNull();
        assertThat(chart.config("gateway").getProperty("gantry.auth.user-token.lifetime")).isEqualTo("60s");
    }

    @Test
    void theAcceptedDigestsAreTheSha256OfEachCallersToken() {
        List<String> expected = TOKENS.entrySet().stream().map(e -> e.getKey() + ":" + sha256(e.getValue())).toList();
        for (String service : VERIFIERS) {
            assertThat(accepted(chart, service)).as(service).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void theChartsSecretHoldsTheKeyAndTheTokensAsGiven() {
        Secret secret = chart.get(Secret.class, SECRET);
        assertThat(secret.getData()).containsOnlyKeys("user-token-private-key", "gateway-token", "agent-worker-token",
                "integrations-service-token");
        assertThat(decode(secret, "user-token-private-key"))
                .isEqualTo(RenderedChart.requiredValue("internalAuth", "userTokenPrivateKey"));
        TOKENS.forEach((service, token) -> assertThat(decode(secret, service + "-token")).isEqualTo(token));
        // nothing stored depends on it: it goes with the release
        assertThat(Optional.ofNullable(secret.getMetadata().getAnnotations()).orElse(Map.of()))
                .doesNotContainKey("helm.sh/resource-policy");
    }

    @Test
    void duringARotationEveryListedDigestIsAccepted() {
        String old = "gateway:" + sha256("the-gateway's-old-token");
        RenderedChart rotating = RenderedChart.render(Map.of(
                "internalAuth.acceptedServiceTokenDigests[0]", old,
                "internalAuth.acceptedServiceTokenDigests[1]", "gateway:" + sha256(TOKENS.get("gateway")),
                "internalAuth.acceptedServiceTokenDigests[2]", "agent-worker:" + sha256(TOKENS.get("agent-worker")),
                "internalAuth.acceptedServiceTokenDigests[3]", "integrations-service:" + sha256(TOKENS.get("integrations-service"))));
        assertThat(accepted(rotating, "conversation-service")).hasSize(4).contains(old);
    }

    @Test
    void aListThatDoesNotAcceptACallersCurrentTokenIsRefused() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of(
                "internalAuth.acceptedServiceTokenDigests[0]", "gateway:" + sha256("another-token"),
                "internalAuth.acceptedServiceTokenDigests[1]", "agent-worker:" + sha256(TOKENS.get("agent-worker")),
                "internalAuth.acceptedServiceTokenDigests[2]", "integrations-service:" + sha256(TOKENS.get("integrations-service")))))
                .hasMessageContaining("does not accept internalAuth.serviceTokens.gateway")
                .hasMessageContaining("gateway:" + sha256(TOKENS.get("gateway")));
    }

    @Test
    void yourOwnSecretNeedsTheDigestsAndSaysHowToComputeThem() {
        assertThatThrownBy(() -> RenderedChart.render(YOUR_SECRET))
                .hasMessageContaining("internalAuth.acceptedServiceTokenDigests is required with internalAuth.existingSecret")
                .hasMessageContaining("printf %s \"$token\" | sha256sum");
    }

    @Test
    void yourOwnSecretIsReadInsteadOfTheChartsOwn() {
        Map<String, Object> values = new HashMap<>(YOUR_SECRET);
        values.put("internalAuth.acceptedServiceTokenDigests[0]", "gateway:" + sha256("a"));
        values.put("internalAuth.acceptedServiceTokenDigests[1]", "agent-worker:" + sha256("b"));
        values.put("internalAuth.acceptedServiceTokenDigests[2]", "integrations-service:" + sha256("c"));
        RenderedChart yours = RenderedChart.render(values);
        assertThat(yours.all(Secret.class)).extracting(s -> s.getMetadata().getName()).doesNotContain(SECRET);
        assertThat(secretRefs(yours, "gateway")).containsExactlyInAnyOrder(
                "GANTRY_AUTH_USER_TOKEN_PRIVATE_KEY=gantry-internal-auth/user-token-private-key",
                "GANTRY_AUTH_SERVICE_TOKEN=gantry-internal-auth/gateway-token");
        assertThat(accepted(yours, "event-store")).containsExactlyInAnyOrder("gateway:" + sha256("a"),
                "agent-worker:" + sha256("b"), "integrations-service:" + sha256("c"));
    }

    @Test
    void aCallerWithoutAcceptedDigestIsRefused() {
        Map<String, Object> values = new HashMap<>(YOUR_SECRET);
        values.put("internalAuth.acceptedServiceTokenDigests[0]", "gateway:" + sha256("a"));
        values.put("internalAuth.acceptedServiceTokenDigests[1]", "agent-worker:" + sha256("b"));
        assertThatThrownBy(() -> RenderedChart.render(values))
                .hasMessageContaining("internalAuth.acceptedServiceTokenDigests has no entry for the integrations-service");
    }

    @Test
    void aDigestThatIsNotOneIsRefusedNamingTheField() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("internalAuth.acceptedServiceTokenDigests[0]", "gateway:s3cret")))
                .hasMessageContaining("/internalAuth/acceptedServiceTokenDigests/0");
    }

    @Test
    void keysThatAreNotPemAreRefusedWithTheCommandThatMakesThem() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("internalAuth.userTokenPrivateKey",
                "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n")))
                .hasMessageContaining("internalAuth.userTokenPrivateKey must be an unencrypted PKCS#8 PEM")
                .hasMessageContaining("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048");
        assertThatThrownBy(() -> RenderedChart.render(Map.of("internalAuth.userTokenPublicKey", "MIIBIjANBgkq")))
                .hasMessageContaining("internalAuth.userTokenPublicKey must be an X.509 PEM")
                .hasMessageContaining("openssl pkey -in user-token.key -pubout");
    }

    @Test
    void theRetiredSharedTokenIsRefusedSayingWhatReplacesIt() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("secrets.internalToken", "s3cret-internal-token")))
                .hasMessageContaining("secrets.internalToken is no longer read")
                .hasMessageContaining("internalAuth");
    }

    @Test
    void noCredentialIsWrittenOutsideASecret() {
        List<String> credentials = new ArrayList<>(TOKENS.values());
        // a line of the private key's body
        credentials.add(RenderedChart.requiredValue("internalAuth", "userTokenPrivateKey").lines().skip(2).findFirst().orElseThrow());
        for (HasMetadata object : chart.objects()) {
            if (object instanceof Secret) {
                continue;
            }
            assertThat(Serialization.asYaml(object)).as(object.getKind() + " " + object.getMetadata().getName())
                    .doesNotContain(credentials);
        }
        assertThat(chart.all(ConfigMap.class)).isNotEmpty();
    }

    @Test
    void aChangedTokenRollsTheCallersPodsOnly() {
        RenderedChart changed = RenderedChart.render(Map.of("internalAuth.serviceTokens.agentWorker", "a-new-token",
                "internalAuth.acceptedServiceTokenDigests[0]", "gateway:" + sha256(TOKENS.get("gateway")),
                "internalAuth.acceptedServiceTokenDigests[1]", "agent-worker:" + sha256("a-new-token"),
                "internalAuth.acceptedServiceTokenDigests[2]", "agent-worker:" + sha256(TOKENS.get("agent-worker")),
                "internalAuth.acceptedServiceTokenDigests[3]", "integrations-service:" + sha256(TOKENS.get("integrations-service"))));
        assertThat(annotation(changed, "agent-worker")).isNotEqualTo(annotation(chart, "agent-worker"));
        assertThat(annotation(changed, "gateway")).isEqualTo(annotation(chart, "gateway"));
    }

    private static String annotation(RenderedChart chart, String service) {
        return chart.deployment(service).getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/internal-auth");
    }

    private Optional<String> plainEnv(String service, String name) {
        return chart.container(service).getEnv().stream().filter(env -> env.getName().equals(name))
                .map(EnvVar::getValue).findFirst();
    }

    static List<String> secretRefs(RenderedChart chart, String service) {
        return chart.container(service).getEnv().stream()
                .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                .filter(env -> !env.getName().startsWith("KAFKA_"))
                .map(env -> env.getName() + "=" + env.getValueFrom().getSecretKeyRef().getName() + "/"
                        + env.getValueFrom().getSecretKeyRef().getKey())
                .toList();
    }

    private static List<String> accepted(RenderedChart chart, String service) {
        return List.of(chart.config(service).getProperty("gantry.auth.accepted-service-tokens").split(","));
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String decode(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
}
