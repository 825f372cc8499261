package dev.gantry.sandbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The sandbox-manager's own settings ({@code gantry.sandbox.*}). */
@ConfigMapping(prefix = "gantry.sandbox")
public interface SandboxConfig {

    /** Where sandboxes run. */
    @WithDefault("process")
    Launcher launcher();

    /** A running sandbox nobody used for this long is paused; its workspace stays. */
    @WithDefault("30m")
    Duration idleTimeout();

    /** A sandbox older than this is deleted, whatever its state. */
    @WithDefault("7d")
    Duration maxLifetime();

    /** How long a runtime may take from launch until it answers {@code /alive}. */
    @WithDefault("120s")
    Duration startTimeout();

    /** How often a starting runtime is asked whether it is alive. */
    @WithDefault("20ms")
    Duration alivePollInterval();

    /** How long one call to a runtime (alive, a file) may take. */
    @WithDefault("30s")
    Duration runtimeCallTimeout();

    /** The template used when a create names none. */
    @WithDefault("default")
    String defaultTemplate();

    /** The sandbox templates by name: image, resources, placement, warm pool size. */
    Map<String, Template> templates();

    Process process();

    Kubernetes kubernetes();

    Reaper reaper();

    Pool pool();

    Retry retry();

    /** How many recently applied command ids are remembered, so a redelivered command is recognised. */
    @WithDefault("10000")
    int rememberedCommands();

    /** How long a deleted sandbox's id is remembered, so a late or redelivered create does not revive it. */
    @WithDefault("24h")
    Duration tombstoneRetention();

    enum Launcher {
        /** a pod per sandbox, through the Kubernetes API */
        KUBERNETES,
        /** a local sandbox-runtime process per sandbox, with its own directory */
        PROCESS
    }

    interface Template {

        /** The sandbox-runtime image (Kubernetes launcher). */
        @WithDefault("ghcr.io/gantry-dev/sandbox-runtime:latest")
        String image();

        Resources resources();

        /** A RuntimeClass such as gVisor's {@code gvisor} or Kata's {@code kata}. */
        Optional<String> runtimeClassName();

        Map<String, String> nodeSelector();

        Optional<List<Toleration>> tolerations();

        Optional<List<String>> imagePullSecrets();

        /** How many ready sandboxes of this template wait to be claimed. */
        @WithDefault("0")
        int warmPoolSize();

        /** Size of the workspace volume (Kubernetes launcher). */
        @WithDefault("5Gi")
        String workspaceSize();

        /** The storage class of the workspace volume; the cluster's default when empty. */
        Optional<String> storageClassName();
    }

    /** Kubernetes quantities, requests and limits of the runtime container. */
    interface Resources {
        @WithDefault("250m")
        String cpuRequest();

        @WithDefault("2")
        String cpuLimit();

        @WithDefault("512Mi")
        String memoryRequest();

        @WithDefault("4Gi")
        String memoryLimit();

        @WithDefault("1Gi")
        String ephemeralStorageRequest();

        @WithDefault("10Gi")
        String ephemeralStorageLimit();
    }

    interface Toleration {
        String key();

        @WithDefault("Equal")
        String operator();

        Optional<String> value();

        Optional<String> effect();
    }

    interface Process {

        /** The directory under which each local sandbox gets its own directory. */
        @WithDefault("${user.home}/.gantry/sandboxes")
        Path root();

        /**
         * Where each claimed sandbox's workspace is linked by its id ({@code <dir>/<sandboxId>}), so that the
         * path an agent is told exists before the sandbox is claimed: a pooled instance's own directory is
         * named long before; {@code workspaces} beside the root when not set.
         */
        Optional<Path> workspaces();

        /** The sandbox-runtime's {@code quarkus-run.jar}. */
        @WithDefault("sandbox-runtime/target/quarkus-app/quarkus-run.jar")
        Path runtimeJar();

        /** The java executable that runs the runtime; the manager's own when empty. */
        Optional<Path> java();

        /**
         * JVM options of each runtime process, chosen for an idle runtime that is mostly a shell: the serial
         * collector and a heap that starts small (it grows up to -Xmx for a large upload), the client compiler
         * alone with one compiler thread and a small code cache, no hsperfdata file. The start-up archive is mapped
         * where it was written ({@code ArchiveRelocationMode=0}): relocated, as the JDK does by default, every one
         * of its pages is written at start and becomes each runtime's own copy (~20 MB each); in place, its
         * read-only part stays the file's pages, shared by every runtime. It costs a cold start ~60-90 ms (the
         * pages fault in one by one instead of being read at once; a warm-pool claim does not see it), and the class
         * metadata's address is then fixed, which gives nothing to a sandbox's commands: they run as the runtime's
         * user beside it. Leave the option out to favour cold starts over memory. The native
         * heap is given back to the system every 2 s ({@code TrimNativeHeapInterval}): the start's compilations
         * free several MB that the C library would otherwise keep. A start compiles less: a method is compiled
         * after five times the usual number of calls ({@code CompileThresholdScaling=5}), and (added with an AOT
         * cache, {@link dev.gantry.sandbox.launcher.process.RuntimeCommand}) the method profiles the cache holds
         * are not replayed: they serve the server compiler, which a runtime does not use. At start, the compiler
         * thread took ~40% of a runtime's CPU; with both, a start takes about a quarter less CPU (the README's
         * {@code ./gantry bench sandboxes} figures); what a runtime does often is still compiled within its first
         * requests.
         */
        @WithDefault("-XX:+UseSerialGC,-Xms8m,-Xmx256m,-XX:TieredStopAtLevel=1,-XX:CICompilerCount=1,"
                + "-XX:ReservedCodeCacheSize=32m,-XX:MaxDirectMemorySize=64m,-XX:-UsePerfData,"
                + "-XX:+UnlockDiagnosticVMOptions,-XX:ArchiveRelocationMode=0,-XX:TrimNativeHeapInterval=2000,"
                + "-XX:CompileThresholdScaling=5")
        List<String> jvmOptions();

        /**
         * Start each runtime on the start-up archive the build trained and left beside {@code quarkus-run.jar}:
         * {@code app.aot} (a JDK AOT cache; used when the runtime's JDK is 24 or newer) or {@code app-cds.jsa}
         * (AppCDS). The archive is read-only to every sandbox; a JDK other than the build's ignores it.
         */
        @WithDefault("true")
        boolean classDataSharing();

        /**
         * How many runtimes may be starting at once (launched, not yet answering); the others wait their turn (the
         * users who wait in turn, each one's starts in order, warm-pool starts last), for at most the start timeout. A start is mostly CPU: more at once than the cores can take only
         * makes every one of them slower (`./gantry bench sandboxes` compares). The cores the manager sees when empty.
         */
        OptionalInt concurrentStarts();

        /**
         * The niceness each runtime, and so everything its sandbox runs, starts with (0-19; 0: as the manager): the
         * agents' work and the runtimes' own start yield the CPU to the platform's services, so that a machine busy
         * with sandboxes still answers its users. Kubernetes sandboxes get their share from their CPU requests.
         */
        @WithDefault("10")
        int niceness();

        /** How long a runtime gets to exit on SIGTERM before it is killed. */
        @WithDefault("10s")
        Duration stopTimeout();

        /**
         * How a local runtime is confined: {@code bubblewrap} (its own mount, PID, IPC and UTS namespaces, an
         * unprivileged uid, host addresses refused) or {@code none}, the operator's explicit opt-in to
         * sandboxes that run as the platform's user and see all it sees.
         */
        @WithDefault("bubblewrap")
        Isolation isolation();

        Bubblewrap bubblewrap();
    }

    enum Isolation {
        BUBBLEWRAP, NONE
    }

    /** The tools and limits of {@link Isolation#BUBBLEWRAP}. */
    interface Bubblewrap {

        @WithDefault("/usr/bin/bwrap")
        Path bwrap();

        /** Drops the runtime to its uid inside the sandbox (util-linux). */
        @WithDefault("/usr/bin/setpriv")
        Path setpriv();

        /** Sets the sandbox's process limit (util-linux). */
        @WithDefault("/usr/bin/prlimit")
        Path prlimit();

        /** Installs the rule that refuses the sandboxes' uids every address of the host itself. */
        @WithDefault("/usr/sbin/nft")
        Path nft();

        /** The first uid (and gid) handed to sandboxes; each instance keeps its own for its life. */
        @WithDefault("200000")
        long firstUid();

        /** How many uids from {@link #firstUid()} sandboxes may use: at most this many local sandboxes. */
        @WithDefault("1000")
        int uidCount();

        /** Processes (threads included) one sandbox's uid may have at once. */
        @WithDefault("1024")
        int maxProcesses();

        /**
         * TCP ports of the host itself that sandboxes may still open connections to, for a server on this machine
         * the agent's work needs (a self-hosted git server); none by default. Every other port of the host, on every
         * address, stays refused: name only such a server's port, never one of the platform's own.
         */
        Optional<List<Integer>> reachableHostPorts();

        /**
         * Directories of this machine every sandbox sees read-only at the same path, besides the system ones:
         * toolchains installed outside {@code /usr} (a Node.js or Python tree, a prepared npm cache of MCP
         * servers). Never a directory holding anything of the platform: a path inside the platform's home or
         * holding it is refused at start.
         */
        Optional<List<Path>> sharedDirs();
    }

    interface Kubernetes {

        /** The namespace the sandboxes live in; the client's namespace when empty. */
        Optional<String> namespace();

        /** The runtime's HTTP port in the pod. */
        @WithDefault("8080")
        int runtimePort();

        /** The uid and gid the runtime runs as. */
        @WithDefault("10001")
        long runAsUser();

        /** Size of the writable {@code /tmp}. */
        @WithDefault("1Gi")
        String tmpSize();

        /**
         * The labels of the platform pods that may reach a sandbox's runtime port (agent-worker,
         * sandbox-manager), one selector each, written {@code key=value}.
         */
        @WithDefault("app.kubernetes.io/name=agent-worker,app.kubernetes.io/name=sandbox-manager")
        List<String> allowedClients();

        /**
         * The namespace of the pods {@link #allowedClients()} selects, when the sandboxes live in another one;
         * the manager's own namespace when empty.
         */
        Optional<String> allowedClientsNamespace();

        /** The cluster DNS suffix of services, for the runtime URL. */
        @WithDefault("svc.cluster.local")
        String serviceDomain();

        /** Use server-side apply; off where the API server (or a test's mock) does not support it. */
        @WithName("server-side-apply")
        @WithDefault("true")
        boolean serverSideApply();
    }

    interface Reaper {
        /** How often idle and expired sandboxes are looked for. */
        @WithDefault("30s")
        String interval();
    }

    interface Pool {
        /** How often the warm pools are topped up besides after each claim (after failed launches, mostly). */
        @WithDefault("15s")
        String refillInterval();
    }

    /** How a failed launch (an API error, a runtime that did not start) is retried. */
    interface Retry {
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("1s")
        Duration initialDelay();

        @WithDefault("60s")
        Duration maxDelay();
    }
}
