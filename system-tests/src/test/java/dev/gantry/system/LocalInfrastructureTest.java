package dev.gantry.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.Topics;
import dev.gantry.contracts.Topics.TopicSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's local infrastructure, as a newcomer runs it: {@code deploy/local/infra-up.sh} twice,
 * then {@code infra-down.sh}, with the broker a real process from Kafka's own jars.
 */
class LocalInfrastructureTest {

    private static final Path REPO = Path.of(System.getProperty("gantry.repo", "..")).toAbsolutePath().normalize();

    @TempDir
    Path home;

    @Test
    void bringsUpKafkaWithGantrysTopicsIsSafeToRunTwiceAndStops() throws Exception {
        int kafkaPort = freePort();
        Map<String, String> env = Map.of(
                "GANTRY_HOME", home.toString(),
                "GANTRY_KAFKA_PORT", Integer.toString(kafkaPort),
                "GANTRY_KAFKA_CONTROLLER_PORT", Integer.toString(freePort()));
        try {
            Run first = run(env, "deploy/local/infra-up.sh");
            assertThat(first.exitCode()).as(first.output()).isZero();
            assertThat(first.output()).contains("Kafka: starting a KRaft broker", "infrastructure ready");
            assertTopicsExist("127.0.0.1:" + kafkaPort);

            Run second = run(env, "deploy/local/infra-up.sh");
            assertThat(second.exitCode()).as(second.output()).isZero();
            assertThat(second.output()).contains("Kafka: reusing the broker").doesNotContain("CREATED");
            assertTopicsExist("127.0.0.1:" + kafkaPort);
        } finally {
            Run down = run(env, "deploy/local/infra-down.sh");
            assertThat(down.exitCode()).as(down.output()).isZero();
        }
        assertThat(listening(kafkaPort)).as("Kafka still listens after infra-down.sh").isFalse();
        assertThat(home.resolve("run/kafka.pid")).doesNotExist();
    }

    @Test
    void upRefusesToOpenAPortOfThePlatformToTheSandboxesBeforeStartingAnything() throws Exception {
        for (String port : List.of("8081", "5432", "9092")) {
            Run up = run(Map.of("GANTRY_HOME", home.toString(),
                    "GANTRY_SANDBOX_PROCESS_BUBBLEWRAP_REACHABLE_HOST_PORTS", "3000," + port), "deploy/local/platform-up.sh");

            assertThat(up.exitCode()).as(up.output()).isEqualTo(1);
            assertThat(up.output()).contains("GANTRY_SANDBOX_PROCESS_BUBBLEWRAP_REACHABLE_HOST_PORTS: " + port
                    + " is a port of the platform itself").doesNotContain("building", "starting");
        }
        try (var pids = Files.list(home.resolve("run"))) {
            assertThat(pids).as("nothing was started").isEmpty();
        }
    }

    private static void assertTopicsExist(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var described = admin.describeTopics(Topics.ALL.stream().map(TopicSpec::name).toList())
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            for (TopicSpec spec : Topics.ALL) {
                assertThat(described.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
            }
        }
    }

    private record Run(int exitCode, String output) {
    }

    private Run run(Map<String, String> env, String script) throws IOException, InterruptedException {
        Path log = Files.createTempFile(home, "script", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(REPO.resolve(script).toString()))
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish in 3 minutes:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
