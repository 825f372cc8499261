package dev.gantry.sandbox.launcher.process;

import dev.gantry.sandbox.config.SandboxConfig;
import dev.gantry.sandbox.launcher.LaunchException;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The nftables rule that refuses the sandboxes' uids every new connection to an address of the host itself
 * (loopback and every other local address, so PostgreSQL, Redis, Kafka, the services and other sandboxes'
 * runtimes, whatever interface they listen on); DNS over UDP to a local resolver stays, and so do the TCP ports
 * the operator names in {@code gantry.sandbox.process.bubblewrap.reachable-host-ports} (a git server on this
 * machine), those alone. Answers of a runtime to the manager belong to connections the host opened and pass.
 * Other addresses (registries, the internet) stay reachable. Installed once per manager, replacing the table a
 * previous manager left.
 */
final class HostAddressGuard {

    static final String TABLE = "gantry_sandboxes";

    private final SandboxConfig.Bubblewrap tools;
    private final List<Integer> reachablePorts;
    private boolean installed;

    HostAddressGuard(SandboxConfig.Bubblewrap tools) {
        this.tools = tools;
        this.reachablePorts = reachablePorts(tools);
    }

    /** The ruleset, for the uids {@code first} to {@code last}, each of {@code reachablePorts} let through. */
    static String ruleset(long first, long last, List<Integer> reachablePorts) {
        String uids = first + "-" + last;
        String reachable = reachablePorts.isEmpty() ? ""
                : "    meta skuid " + uids + " ct state new fib daddr type local tcp dport { " + reachablePorts.stream()
                        .sorted().distinct().map(String::valueOf).collect(Collectors.joining(", ")) + " } accept\n";
        return "table inet " + TABLE + "\n"
                + "delete table inet " + TABLE + "\n"
                + "table inet " + TABLE + " {\n"
                + "  chain output {\n"
                + "    type filter hook output priority 0; policy accept;\n"
                + "    meta skuid " + uids + " ct state new fib daddr type local udp dport 53 accept\n"
                + reachable
                + "    meta skuid " + uids + " ct state new fib daddr type local counter reject\n"
                + "  }\n"
                + "}\n";
    }

    /** The ports the operator let through, each checked: a wrong one fails the manager's start, naming the setting. */
    static List<Integer> reachablePorts(SandboxConfig.Bubblewrap tools) {
        List<Integer> ports = tools.reachableHostPorts().orElse(List.of());
        for (int port : ports) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("gantry.sandbox.process.bubblewrap.reachable-host-ports: " + port
                        + " is not a TCP port (1-65535)");
            }
        }
        return List.copyOf(ports);
    }

    synchronized void ensureInstalled() {
        if (installed) {
            return;
        }
        String rules = ruleset(tools.firstUid(), tools.firstUid() + tools.uidCount() - 1, reachablePorts);
        try {
            Process nft = new ProcessBuilder(tools.nft().toString(), "-f", "-").redirectErrorStream(true).start();
            nft.getOutputStream().write(rules.getBytes(StandardCharsets.UTF_8));
            nft.getOutputStream().close();
            String output = new String(nft.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!nft.waitFor(30, TimeUnit.SECONDS) || nft.exitValue() != 0) {
                throw new LaunchException("could not install the nftables rule that keeps sandboxes off the host's"
                        + " own addresses (" + tools.nft() + " -f -): " + output);
            }
            if (!reachablePorts.isEmpty()) {
                Log.warnf("sandboxes may open connections to this host's TCP ports %s"
                        + " (gantry.sandbox.process.bubblewrap.reachable-host-ports); its other ports stay refused", reachablePorts);
            }
        } catch (IOException e) {
            throw new LaunchException("could not run nft (" + tools.nft() + "), which keeps sandboxes off the host's"
                    + " own addresses: " + e.getMessage() + "; install the Debian package nftables", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while installing the sandboxes' nftables rule", e);
        }
        installed = true;
    }
}
