package dev.gantry.images;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The seven images Gantry ships, and the names the Helm chart expects them under by default. */
public final class GantryImages {

    /** The chart's {@code image.registry}/{@code image.repository} default. */
    public static final String DEFAULT_REPOSITORY = "ghcr.io/gantry-dev";
    public static final String SOURCE = "https://github.com/gantry-dev/gantry";

    /**
     * JVM options for every image, through the launcher's own variable so that no shell is needed: the heap
     * from the container's memory limit, temporary files in /tmp (the only writable place with a read-only
     * root), no hsperfdata file, exit on OutOfMemoryError so that Kubernetes restarts the pod.
     */
    public static final String JDK_JAVA_OPTIONS = "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
            + " -XX:-UsePerfData -Djava.io.tmpdir=/tmp -Djava.util.logging.manager=org.jboss.logmanager.LogManager";

    private static final List<String> SERVICES = List.of("gateway", "conversation-service", "agent-worker",
            "sandbox-manager", "event-store", "integrations-service");

    private GantryImages() {
    }

    public static List<ImageSpec> all() {
        var images = new java.util.ArrayList<ImageSpec>();
        for (String service : SERVICES) {
            images.add(service(service));
        }
        images.add(sandboxRuntime());
        return List.copyOf(images);
    }

    /**
     * A platform service, run as the chart runs it: user 185, port 8080, its settings mounted at
     * /deployments/config/application.properties, which Quarkus reads relative to its working directory.
     */
    static ImageSpec service(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JDK_JAVA_OPTIONS", JDK_JAVA_OPTIONS);
        env.put("HOME", "/tmp");
        return new ImageSpec(name, name, ImageSpec.BaseKind.JRE, "/deployments", "185:185", "/deployments", 8080,
                List.of("java", "-jar", "/deployments/quarkus-run.jar"), env);
    }

    /**
     * JVM options of the sandbox runtime, on its command line so that no program the agent runs inherits them: an
     * idle runtime that is mostly a shell starts faster and holds less on the serial collector and the client
     * compiler alone, with one compiler thread and a small code cache, compiling less as it starts (a method after
     * five times the usual calls), its native heap given back every 2 s (the local launcher's defaults). The build
     * adds the start-up archive it trained on the image's own Java ({@link StartupArchive}); it is mapped where the
     * JVM chooses, as the JDK does by default.
     */
    public static final List<String> SANDBOX_RUNTIME_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms8m",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=32m",
            "-XX:TrimNativeHeapInterval=2000", "-XX:CompileThresholdScaling=5");

    /**
     * The sandbox runtime: the agent's shell, git, python3 and Node.js around the runtime server, which tini
     * starts so that the orphans of the agent's background jobs are reaped.
     */
    static ImageSpec sandboxRuntime() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JDK_JAVA_OPTIONS", JDK_JAVA_OPTIONS);
        env.put("HOME", "/home/gantry");
        env.put("GANTRY_WORKSPACE", "/workspace");
        env.put("QUARKUS_HTTP_PORT", "8000");
        env.put("QUARKUS_HTTP_HOST", "0.0.0.0");
        List<String> entrypoint = new java.util.ArrayList<>(List.of("/usr/bin/tini", "--", "java"));
        entrypoint.addAll(SANDBOX_RUNTIME_JVM_OPTIONS);
        entrypoint.addAll(List.of("-jar", "/opt/gantry/quarkus-run.jar"));
        return new ImageSpec("sandbox-runtime", "sandbox-runtime", ImageSpec.BaseKind.SANDBOX, "/opt/gantry",
                "10001:10001", "/workspace", 8000, List.copyOf(entrypoint), env);
    }

    /** The tag for a project version: the release it leads to (0.1.0-SNAPSHOT builds 0.1.0, the chart's appVersion). */
    public static String defaultTag(String projectVersion) {
        return projectVersion.replaceFirst("-SNAPSHOT$", "");
    }
}
