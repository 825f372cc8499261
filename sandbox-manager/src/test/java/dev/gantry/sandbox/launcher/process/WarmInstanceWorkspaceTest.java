package dev.gantry.sandbox.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.sandbox.client.RuntimeClient;
import dev.gantry.sandbox.client.RuntimeProbe;
import dev.gantry.sandbox.config.SandboxConfig;
import dev.gantry.sandbox.launcher.InstanceSpec;
import dev.gantry.sandbox.launcher.RuntimeEndpoint;
import dev.gantry.sandbox.launcher.SandboxClaim;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warm-pool instance starts before it knows its sandbox; once claimed, the workspace path the agent is told
 * ({@code <workspaces>/<sandboxId>}) leads to its workspace inside the sandbox as well, and its shell starts there.
 */
class WarmInstanceWorkspaceTest {

    @TempDir
    Path root;

    @TempDir
    Path workspaces;

    final List<ProcessLauncher> launchers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopEverything() {
        launchers.forEach(ProcessLauncher::shutdown);
    }

    @Test
    void aClaimedWarmSandboxUnderBubblewrapFindsItsWorkspaceByTheSandboxesId() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap is not installed here");
        assumeTrue("root".equals(System.getProperty("user.name")), "the manager must be root to hand out uids");
        assertTheNamedWorkspaceServesTheClaim(launcher("bubblewrap"));
    }

    @Test
    void aClaimedWarmSandboxWithoutIsolationFindsItsWorkspaceByTheSandboxesId() throws Exception {
        assertTheNamedWorkspaceServesTheClaim(launcher("none"));
    }

    private void assertTheNamedWorkspaceServesTheClaim(ProcessLauncher launcher) throws Exception {
        String instance = UUID.randomUUID().toString();
        RuntimeEndpoint endpoint = launcher.start(new InstanceSpec(instance, ProcessLauncherRestartTest.TEMPLATE,
                Optional.empty()));
        SandboxClaim claim = new SandboxClaim(UUID.randomUUID(), "owner-1", UUID.randomUUID(), Instant.now());

        assertThat(launcher.claim(instance, claim)).isTrue();

        Path named = workspaces.resolve(claim.sandboxId().toString());
        JsonNode first = terminal(endpoint, "echo from-the-agent > " + named.resolve("note.txt") + " && pwd");
        assertThat(first.get("exitCode").asInt()).as(first.toString()).isZero();
        assertThat(first.get("workingDir").asText()).isEqualTo(named.toString());
        assertThat(root.resolve(instance).resolve("workspace/note.txt")).hasContent("from-the-agent");
    }

    private static JsonNode terminal(RuntimeEndpoint endpoint, String command) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = GantryJson.mapper().writeValueAsString(Map.of("command", command));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.baseUrl().resolve("/api/v1/terminal"))
                    .header("X-Session-API-Key", endpoint.sessionKey()).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return GantryJson.mapper().readTree(response.body());
        }
    }

    private ProcessLauncher launcher(String isolation) {
        SandboxConfig config = new SmallRyeConfigBuilder().withMapping(SandboxConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(Map.of(
                        "gantry.sandbox.process.root", root.toString(),
                        "gantry.sandbox.process.workspaces", workspaces.toString(),
                        "gantry.sandbox.process.isolation", isolation,
                        "gantry.sandbox.process.runtime-jar", System.getProperty("gantry.sandbox.process.runtime-jar"),
                        "gantry.sandbox.start-timeout", "60s"), "test", 500))
                .build().getConfigMapping(SandboxConfig.class);
        RuntimeClient client = new RuntimeClient(config);
        ProcessLauncher launcher = new ProcessLauncher(config, new RuntimeProbe(client, config), client, r -> { });
        launchers.add(launcher);
        return launcher;
    }
}
