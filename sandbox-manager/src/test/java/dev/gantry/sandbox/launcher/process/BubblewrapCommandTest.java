package dev.gantry.sandbox.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.sandbox.config.SandboxConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BubblewrapCommandTest {

    final SandboxConfig.Bubblewrap tools = bubblewrap(Map.of());

    final List<String> command = new BubblewrapCommand(tools, 200007, Path.of("/srv/g/sandboxes/i1/workspace"),
            Path.of("/srv/g/workspaces/s1"), Path.of("/srv/g/sandboxes/i1/home"), Path.of("/opt/jdk-21"),
            Path.of("/srv/app/quarkus-app")).wrap(List.of("/opt/jdk-21/bin/java", "-jar", "/srv/app/quarkus-app/quarkus-run.jar"));

    @Test
    void theRuntimeGetsOwnNamespacesAndANewSession() {
        assertThat(command).startsWith("/usr/bin/bwrap")
                .contains("--unshare-pid", "--unshare-ipc", "--unshare-uts", "--new-session")
                .doesNotContain("--share-net", "--bind /", "--dev-bind");
    }

    @Test
    void onlyItsWorkspaceAndHomeAreWritableAndTheJdkAndApplicationReadOnly() {
        assertThat(pairs("--bind")).containsExactlyInAnyOrder(
                "/srv/g/sandboxes/i1/home /home/sandbox",
                "/srv/g/sandboxes/i1/workspace /srv/g/sandboxes/i1/workspace",
                "/srv/g/sandboxes/i1/workspace /srv/g/workspaces/s1");
        assertThat(pairs("--ro-bind")).contains("/usr /usr", "/opt/jdk-21 /opt/jdk-21",
                "/srv/app/quarkus-app /srv/app/quarkus-app");
        assertThat(String.join(" ", command)).doesNotContain(".gantry").contains("--tmpfs /tmp", "--proc /proc")
                .contains("--chdir /srv/app/quarkus-app");
        assertThat(pairs("--ro-bind-try")).noneMatch(pair -> pair.startsWith("/etc/shadow") || pair.equals("/etc /etc"));
    }

    @Test
    void aWarmInstanceSeesOnlyItsOwnDirectoryOfNamesWhereTheWorkspacesAreNamed() {
        List<String> warm = new BubblewrapCommand(tools, 200007, Path.of("/srv/g/sandboxes/i1/workspace"),
                Path.of("/srv/g/sandboxes/i1/workspace"), Path.of("/srv/g/sandboxes/i1/home"), Path.of("/opt/jdk-21"),
                Path.of("/srv/app/quarkus-app"), Optional.of(new BubblewrapCommand.WorkspaceLinks(
                        Path.of("/srv/g/sandboxes/i1/links"), Path.of("/srv/g/workspaces")))).wrap(List.of("java"));

        assertThat(Collections.indexOfSubList(warm, List.of("--ro-bind", "/srv/g/sandboxes/i1/links",
                "/srv/g/workspaces"))).isPositive();
        assertThat(Collections.indexOfSubList(warm, List.of("--bind", "/srv/g/workspaces", "/srv/g/workspaces")))
                .isNegative();
    }

    @Test
    void sharedToolDirectoriesAreMountedReadOnlyAtTheirOwnPath() {
        SandboxConfig.Bubblewrap withShared = new SmallRyeConfigBuilder().withMapping(SandboxConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(Map.of("gantry.sandbox.process.bubblewrap.shared-dirs",
                        "/opt/node,/root/.cache/gantry/npm"), "test", 500)).build()
                .getConfigMapping(SandboxConfig.class).process().bubblewrap();
        List<String> shared = new BubblewrapCommand(withShared, 200007, Path.of("/srv/g/sandboxes/i1/workspace"),
                Path.of("/srv/g/workspaces/s1"), Path.of("/srv/g/sandboxes/i1/home"), Path.of("/opt/jdk-21"),
                Path.of("/srv/app/quarkus-app")).wrap(List.of("java"));

        assertThat(Collections.indexOfSubList(shared, List.of("--ro-bind", "/opt/node", "/opt/node"))).isPositive();
        assertThat(Collections.indexOfSubList(shared, List.of("--ro-bind", "/root/.cache/gantry/npm",
                "/root/.cache/gantry/npm"))).isPositive();
        // the way to it is traversable but empty: nothing else of /root is mounted
        assertThat(Collections.indexOfSubList(shared, List.of("--perms", "0755", "--dir", "/root"))).isPositive();
        assertThat(Collections.indexOfSubList(shared, List.of("--bind", "/root/.cache/gantry/npm",
                "/root/.cache/gantry/npm"))).isNegative();
    }

    @Test
    void aRuntimeAndWorkspaceUnderTheHostsTmpAreMountedOnThePrivateTmpNotHiddenByIt() {
        List<String> underTmp = new BubblewrapCommand(tools, 200007, Path.of("/tmp/ci/sandboxes/i1/workspace"),
                Path.of("/tmp/ci/sandboxes/i1/workspace"), Path.of("/tmp/ci/sandboxes/i1/home"), Path.of("/opt/jdk-21"),
                Path.of("/tmp/ci/app")).wrap(List.of("/opt/jdk-21/bin/java", "-jar", "/tmp/ci/app/quarkus-run.jar"));
        int tmpfs = Collections.indexOfSubList(underTmp, List.of("--tmpfs", "/tmp"));
        assertThat(tmpfs).isPositive();
        assertThat(Collections.indexOfSubList(underTmp, List.of("--ro-bind", "/tmp/ci/app", "/tmp/ci/app")))
                .isGreaterThan(tmpfs);
        assertThat(Collections.indexOfSubList(underTmp, List.of("--bind", "/tmp/ci/sandboxes/i1/workspace",
                "/tmp/ci/sandboxes/i1/workspace"))).isGreaterThan(tmpfs);
    }

    @Test
    void theRuntimeDropsToItsUidWithNoCapabilitiesUnderAProcessLimit() {
        int separator = command.indexOf("--");
        List<String> after = command.subList(separator + 1, command.size());
        assertThat(after).startsWith("/usr/bin/prlimit", "--nproc=1024", "--", "/usr/bin/setpriv", "--reuid=200007",
                "--regid=200007", "--clear-groups", "--inh-caps=-all", "--no-new-privs", "--", "/opt/jdk-21/bin/java");
        assertThat(Collections.indexOfSubList(command, List.of("--cap-drop", "ALL"))).isPositive();
    }

    @Test
    void theHostAddressRuleRefusesTheUidRangeNewConnectionsToLocalAddresses() {
        assertThat(HostAddressGuard.ruleset(200000, 200999, HostAddressGuard.reachablePorts(tools)))
                .contains("meta skuid 200000-200999 ct state new fib daddr type local counter reject")
                .contains("hook output")
                .as("no host port is let through unless the operator names it").doesNotContain("tcp dport");
    }

    @Test
    void theHostPortsTheOperatorNamesAreLetThroughBeforeTheRefusalAndOnlyThem() {
        SandboxConfig.Bubblewrap opened = bubblewrap(Map.of("gantry.sandbox.process.bubblewrap.reachable-host-ports",
                "8929, 3000,3000"));

        String rules = HostAddressGuard.ruleset(200000, 200999, HostAddressGuard.reachablePorts(opened));

        String accept = "meta skuid 200000-200999 ct state new fib daddr type local tcp dport { 3000, 8929 } accept";
        assertThat(rules).contains(accept);
        assertThat(rules.indexOf(accept)).isLessThan(rules.indexOf("type local counter reject"));
        assertThat(rules.lines().filter(line -> line.strip().endsWith(" accept"))).as("DNS and the named ports").hasSize(2);
    }

    @Test
    void aReachableHostPortThatIsNoTcpPortIsRefusedNamingTheSetting() {
        SandboxConfig.Bubblewrap wrong = bubblewrap(Map.of("gantry.sandbox.process.bubblewrap.reachable-host-ports",
                "3000,70000"));

        assertThatThrownBy(() -> new HostAddressGuard(wrong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gantry.sandbox.process.bubblewrap.reachable-host-ports")
                .hasMessageContaining("70000");
    }

    private static SandboxConfig.Bubblewrap bubblewrap(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(SandboxConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build()
                .getConfigMapping(SandboxConfig.class).process().bubblewrap();
    }

    private List<String> pairs(String option) {
        List<String> found = new java.util.ArrayList<>();
        for (int i = 0; i < command.size() - 2; i++) {
            if (command.get(i).equals(option)) {
                found.add(command.get(i + 1) + " " + command.get(i + 2));
            }
        }
        return found;
    }
}
