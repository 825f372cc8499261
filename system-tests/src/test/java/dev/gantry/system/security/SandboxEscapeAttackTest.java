package dev.gantry.system.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gantry.contracts.GantryHeaders;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.platform.auth.ServiceNames;
import dev.gantry.system.platform.Platform;
import dev.gantry.testing.KafkaTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a prompt-injected agent would try from its shell, through the runtime's own terminal API in a real
 * local sandbox: every way into the platform (its processes, its files, other sandboxes, its databases and
 * ports) fails, while the way out to the internet stays open.
 */
class SandboxEscapeAttackTest {

    private static final String SECRET = "platform-secret-" + UUID.randomUUID();

    static Platform platform;
    static Sandbox attacker;
    static Sandbox victim;

    @BeforeAll
    static void twoSandboxes() throws IOException {
        platform = Platform.get();
        // a stand-in for ./gantry up's platform secrets, where they would lie
        Files.writeString(platform.home().resolve("platform-secrets.env"), "GANTRY_SECRETS_MASTER_KEY=" + SECRET + "\n");
        // the gateway's real signing key is there already: read, never replaced (the other tests sign with it)
        assertThat(platform.home().resolve("keys/jwt-private.pem")).isRegularFile();
        attacker = Sandbox.create("mallory");
        victim = Sandbox.create("alice");
        victim.run("echo victim-data > notes.txt");
    }

    @Test
    void theShellRunsAsAnUnprivilegedUidInItsOwnNamespaces() {
        Result id = attacker.run("id -u; hostname; ls /proc | grep -c '^[0-9]'");
        List<String> lines = id.output().lines().toList();
        assertThat(Long.parseLong(lines.get(0).trim())).isGreaterThanOrEqualTo(200000);
        assertThat(lines.get(1).trim()).isEqualTo("gantry-sandbox");
        // bwrap's init, the runtime and the shell with what it runs: a handful, not the machine's processes
        assertThat(Integer.parseInt(lines.get(2).trim())).isLessThan(20);
    }

    @Test
    void theServicesProcessesAndTheirEnvironmentAreOutOfReach() {
        long gateway = pidOf("gateway/target/quarkus-app").orElseThrow();
        assertThat(attacker.run("cat /proc/" + gateway + "/environ").succeeded()).isFalse();
        assertThat(attacker.run("cat /proc/1/environ").succeeded()).isFalse();
        assertThat(attacker.run("cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n'").output())
                // the sandbox's own runtime (its port, its session key) is all there is to see: nothing of a service's
                .doesNotContain("GANTRY_INTERNAL_TOKEN", "GANTRY_SECRETS_MASTER_KEY", "GANTRY_AUTH_", "GANTRY_DB_PASSWORD",
                        "QUARKUS_DATASOURCE", "KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_REDIS", "QUARKUS_REST_CLIENT");
        assertThat(attacker.run("cat /proc/*/cmdline 2>/dev/null | tr '\\0' ' '").output())
                .doesNotContain("gateway", "conversation-service", "event-store", "agent-worker");
    }

    @Test
    void thePlatformsFilesAndKeysAreNotThere() {
        Path home = platform.home();
        assertThat(attacker.run("cat " + home.resolve("platform-secrets.env")).output()).doesNotContain(SECRET);
        assertThat(attacker.run("cat " + home.resolve("keys/jwt-private.pem")).succeeded()).isFalse();
        assertThat(attacker.run("cat " + attacker.instanceDir().resolve("session.key")).succeeded()).isFalse();
    }

    @Test
    void anotherSandboxsWorkspaceAndSessionKeyAreNotThere() {
        assertThat(attacker.run("ls " + victim.workspace()).succeeded()).isFalse();
        assertThat(attacker.run("cat " + victim.workspace().resolve("notes.txt")).output()).doesNotContain("victim-data");
        assertThat(attacker.run("cat " + victim.instanceDir().resolve("session.key")).succeeded()).isFalse();
        assertThat(attacker.run("ls " + platform.home().resolve("workspaces")).output())
                .doesNotContain(victim.id().toString());
        assertThat(attacker.run("ls " + platform.home().resolve("sandboxes")).output())
                .doesNotContain(victim.instanceDir().getFileName().toString());
    }

    @Test
    void thePlatformsPortsRefuseTheSandbox() throws Exception {
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        ports.put("PostgreSQL", 5432);
        ports.put("Redis", 6379);
        ports.put("Kafka", URI.create("kafka://" + KafkaTestResource.bootstrapServers().split(",")[0]).getPort());
        for (String service : List.of("gateway", "conversation-service", "agent-worker", "sandbox-manager",
                "event-store", "integrations-service")) {
            ports.put(service, platform.service(service).url().getPort());
        }
        ports.put("the gateway's management interface", platform.service("gateway").managementUrl().getPort());
        ports.put("another sandbox's runtime", victim.runtimeUrl().getPort());
        List<String> addresses = new ArrayList<>(List.of("127.0.0.1"));
        hostAddress().ifPresent(addresses::add);
        for (String address : addresses) {
            for (Map.Entry<String, Integer> port : ports.entrySet()) {
                Result connect = attacker.run("timeout 5 bash -c 'echo > /dev/tcp/" + address + "/" + port.getValue()
                        + "' && echo CONNECTED");
                assertThat(connect.output()).as("%s at %s:%d", port.getKey(), address, port.getValue())
                        .doesNotContain("CONNECTED");
            }
        }
    }

    @Test
    void theOneHostPortTheOperatorOpenedAnswersTheSandbox() {
        // the platform's git server, named in gantry.sandbox.process.bubblewrap.reachable-host-ports; the test
        // above holds every other port of the host still refused
        int git = platform.git().port();
        assertThat(attacker.run("timeout 5 bash -c 'echo > /dev/tcp/127.0.0.1/" + git + "' && echo CONNECTED").output())
                .as("the git server at 127.0.0.1:%d", git).contains("CONNECTED");
    }

    @Test
    void theInternetStaysReachable() {
        String outside = "deb.debian.org";
        boolean resolvable;
        try {
            InetAddress.getByName(outside);
            resolvable = true;
        } catch (UnknownHostException e) {
            resolvable = false;
        }
        assumeTrue(resolvable, "this machine resolves no outside name (" + outside + "): nothing to compare with");
        assertThat(attacker.run("getent hosts " + outside).succeeded()).as("DNS from the sandbox").isTrue();
        assertThat(attacker.run("timeout 10 bash -c 'echo > /dev/tcp/" + outside + "/80' && echo CONNECTED").output())
                .as("a TCP connection to %s:80", outside).contains("CONNECTED");
    }

    /** A non-loopback IPv4 address of this machine, where services listening on every interface answer too. */
    private static Optional<String> hostAddress() throws IOException {
        return NetworkInterface.networkInterfaces().filter(nic -> {
            try {
                return nic.isUp() && !nic.isLoopback();
            } catch (IOException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(Inet4Address.class::isInstance)
                .map(InetAddress::getHostAddress).findFirst();
    }

    private static Optional<Long> pidOf(String jarPart) {
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            return proc.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).contains(jarPart);
                } catch (IOException gone) {
                    return false;
                }
            }).map(p -> Long.parseLong(p.getFileName().toString())).findFirst();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Result(String output, int exitCode) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** A sandbox made on the manager as the worker makes one, driven through its runtime's terminal API. */
    record Sandbox(UUID id, URI runtimeUrl, String sessionKey) {

        static Sandbox create(String owner) {
            UUID id = UUID.randomUUID();
            String manager = platform.service("sandbox-manager").url().toString();
            given().baseUri(manager).header(InternalHeaders.SERVICE_TOKEN, workerToken())
                    .contentType(ContentType.JSON).body(Map.of("sandboxId", id, "ownerId", owner))
                    .post("/sandboxes").then().statusCode(org.hamcrest.Matchers.anyOf(
                            org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> "RUNNING".equals(
                    given().baseUri(manager).header(InternalHeaders.SERVICE_TOKEN, workerToken())
                            .get("/sandboxes/" + id).then().extract().path("status")));
            JsonPath connection = given().baseUri(manager).header(InternalHeaders.SERVICE_TOKEN, workerToken())
                    .get("/sandboxes/" + id + "/connection").then().statusCode(200).extract().jsonPath();
            return new Sandbox(id, URI.create(connection.getString("runtimeUrl")), connection.getString("sessionApiKey"));
        }

        /** The sandbox-manager is called as the agent-worker calls it. */
        private static String workerToken() {
            return platform.credentials().serviceToken(ServiceNames.AGENT_WORKER);
        }

        Result run(String command) {
            JsonPath answer = given().baseUri(runtimeUrl.toString()).header(GantryHeaders.SESSION_API_KEY, sessionKey)
                    .contentType(ContentType.JSON).body(Map.of("command", command, "timeoutSeconds", 60))
                    .post("/api/v1/terminal").then().statusCode(200).extract().jsonPath();
            return new Result(answer.getString("output"), answer.getInt("exitCode"));
        }

        Path workspace() {
            return instanceDir().resolve("workspace");
        }

        /** The instance's directory on the host: the workspace link's target's parent. */
        Path instanceDir() {
            try {
                return platform.home().resolve("workspaces").resolve(id.toString()).toRealPath().getParent();
            } catch (IOException e) {
                throw new IllegalStateException("sandbox " + id + " has no workspace link", e);
            }
        }
    }
}
