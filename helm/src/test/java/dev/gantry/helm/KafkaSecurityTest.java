package dev.gantry.helm;

import static dev.gantry.helm.RenderedChart.objectName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.kafka.client.runtime.KafkaRuntimeConfigProducer;
import io.quarkus.runtime.ApplicationConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A secured Kafka cluster (SASL, TLS with a private CA): the chart's {@code kafka.config}, the SASL login
 * from its Secret and the CA from its Secret reach every Kafka client of every service, read the way
 * Quarkus reads them, and the topic Job uses the same settings; nothing secret is taken in a ConfigMap.
 */
class KafkaSecurityTest {

    private static final String LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"gantry\" password=\"p4ss word=with;symbols\";";
    private static final Map<String, Object> SECURED = Map.of(
            "kafka.config.security\\.protocol", "SASL_SSL",
            "kafka.config.sasl\\.mechanism", "SCRAM-SHA-512",
            "kafka.sasl.existingSecret", "kafka-login",
            "kafka.tls.caSecret", "kafka-ca");
    private static final List<String> KAFKA_SERVICES = RenderedChart.SERVICES.stream()
            .filter(service -> !service.equals("gateway")).toList();

    @Test
    void everyServicesKafkaClientsGetTheSecuritySettingsTheLoginAndTheCa() {
        RenderedChart chart = RenderedChart.render(SECURED);
        for (String service : KAFKA_SERVICES) {
            Map<String, Object> clients = kafkaClientSettings(chart, service);
            assertThat(clients).as(service)
                    .containsEntry("bootstrap.servers", "kafka-0.kafka:9092,kafka-1.kafka:9092")
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", LOGIN)
                    .containsEntry("ssl.truststore.type", "PEM")
                    .containsEntry("ssl.truststore.location", "/deployments/kafka-tls/ca.crt");
            Container container = chart.container(service);
            assertThat(container.getVolumeMounts()).as(service).anySatisfy(mount -> {
                assertThat(mount.getName()).isEqualTo("kafka-tls");
                assertThat(mount.getMountPath()).isEqualTo("/deployments/kafka-tls");
                assertThat(mount.getReadOnly()).isTrue();
            });
            assertThat(chart.deployment(service).getSpec().getTemplate().getSpec().getVolumes()).as(service)
                    .anySatisfy(volume -> {
                        assertThat(volume.getName()).isEqualTo("kafka-tls");
                        assertThat(volume.getSecret().getSecretName()).isEqualTo("kafka-ca");
                    });
            assertThat(chart.config(service).toString()).as(service).doesNotContain("password");
        }
    }

    @Test
    void theGatewayWhichHasNoKafkaGetsNoneOfIt() {
        RenderedChart chart = RenderedChart.render(SECURED);
        assertThat(chart.config("gateway").stringPropertyNames()).noneMatch(key -> key.startsWith("kafka"));
        assertThat(chart.container("gateway").getEnv()).extracting(EnvVar::getName).doesNotContain("KAFKA_SASL_JAAS_CONFIG");
        assertThat(chart.container("gateway").getVolumeMounts()).extracting(VolumeMount::getName).doesNotContain("kafka-tls");
    }

    @Test
    void anUnsecuredClusterNeedsNothingMore() {
        RenderedChart chart = RenderedChart.render(Map.of());
        for (String service : KAFKA_SERVICES) {
            assertThat(kafkaClientSettings(chart, service)).as(service)
                    .containsOnlyKeys("bootstrap.servers");
            PodSpec pod = chart.deployment(service).getSpec().getTemplate().getSpec();
            assertThat(pod.getVolumes()).extracting(Volume::getName).doesNotContain("kafka-tls");
        }
    }

    @Test
    void theTopicJobConnectsWithTheSameSettings(@TempDir Path copy) throws Exception {
        Path jobTemplate = RenderedChart.copy(copy.resolve("chart")).resolve("templates/kafka-topics-job.yaml");
        Files.writeString(jobTemplate, Files.readString(jobTemplate).replace("helm.sh/hook:", "was-hook:"));
        Job job = RenderedChart.render(copy.resolve("chart"), SECURED).get(Job.class, objectName("kafka-topics"));
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().getFirst();
        assertThat(pod.getVolumes()).filteredOn(volume -> volume.getSecret() != null)
                .extracting(volume -> volume.getSecret().getSecretName()).containsExactly("kafka-ca");
        assertThat(container.getVolumeMounts()).extracting(VolumeMount::getMountPath).contains("/deployments/kafka-tls");

        // the Job's script, run by bash with the Secret's value in its environment and kafka-topics.sh recorded
        Path clientFile = copy.resolve("client.properties");
        Path calls = copy.resolve("calls");
        String script = container.getArgs().getFirst()
                .replace("/tmp/client.properties", clientFile.toString())
                .replace("/opt/kafka/bin/kafka-topics.sh", "echo >> " + calls + " ");
        ProcessBuilder bash = new ProcessBuilder(container.getCommand().getFirst(), "-ec", script).redirectErrorStream(true);
        for (EnvVar variable : container.getEnv()) {
            bash.environment().put(variable.getName(), variable.getValueFrom() == null ? variable.getValue()
                    : secretValue(variable));
        }
        Process process = bash.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();

        Properties client = new Properties();
        client.load(new StringReader(Files.readString(clientFile)));
        assertThat(client).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", LOGIN)
                .containsEntry("ssl.truststore.location", "/deployments/kafka-tls/ca.crt");
        assertThat(Files.readAllLines(calls)).isNotEmpty()
                .allSatisfy(call -> assertThat(call).contains("--command-config " + clientFile));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sasl\\.jaas\\.config", "ssl\\.truststore\\.password", "ssl\\.key\\.password",
            "ssl\\.keystore\\.key", "sasl\\.oauthbearer\\.client\\.credentials\\.client\\.secret"})
    void aSecretGivenInTheClientSettingsIsRefused(String key) {
        String name = key.replace("\\", "");
        assertThatThrownBy(() -> RenderedChart.render(Map.of("kafka.config." + key, "x")))
                .hasMessageContaining("kafka.config cannot hold " + name + ": it is a secret");
    }

    @Test
    void theBrokersAreGivenInOnePlaceOnly() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("kafka.config.bootstrap\\.servers", "kafka:9092")))
                .hasMessageContaining("kafka.config cannot hold bootstrap.servers: give the brokers in kafka.bootstrapServers");
    }

    /**
     * The settings of the service's Kafka clients: its config file and environment read by Quarkus' own
     * producer of the {@code default-kafka-broker} map, which the messaging channels and the services' own
     * clients start from.
     */
    private static Map<String, Object> kafkaClientSettings(RenderedChart chart, String service) {
        Map<String, String> file = new HashMap<>();
        chart.config(service).forEach((key, value) -> file.put((String) key, (String) value));
        Map<String, String> env = new HashMap<>();
        for (EnvVar variable : chart.container(service).getEnv()) {
            env.put(variable.getName(), variable.getValueFrom() == null ? variable.getValue() : secretValue(variable));
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(file, "chart application.properties", 260))
                .withSources(new EnvConfigSource(env, 300) {
                })
                .withMapping(ApplicationConfig.class)
                .build();
        return new KafkaRuntimeConfigProducer().createKafkaRuntimeConfig(config, config.getConfigMapping(ApplicationConfig.class));
    }

    /** What the cluster's Secrets hold: the SASL login, and a stand-in for the other secrets. */
    private static String secretValue(EnvVar variable) {
        var reference = variable.getValueFrom().getSecretKeyRef();
        return reference.getName().equals("kafka-login") && reference.getKey().equals("sasl.jaas.config") ? LOGIN
                : "from-a-secret";
    }
}
