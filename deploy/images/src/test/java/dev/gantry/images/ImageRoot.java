package dev.gantry.images;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An image's file system unpacked into a directory of its own, and its entrypoint run there under bubblewrap as a
 * container runtime would run it: the image's root as {@code /}, its working directory and environment, a PID
 * namespace whose first process is the entrypoint's, a private {@code /tmp}. As root, on the machine's network.
 */
final class ImageRoot implements AutoCloseable {

    static final Path BWRAP = Path.of("/usr/bin/bwrap");

    private final Path root;
    private final List<String> entrypoint;
    private final Map<String, String> environment;
    private final String workingDirectory;

    private ImageRoot(Path root, List<String> entrypoint, Map<String, String> environment, String workingDirectory) {
        this.root = root;
        this.entrypoint = List.copyOf(entrypoint);
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
    }

    /** Whether images can be run here: bubblewrap, and root to bind the image's root as {@code /}. */
    static boolean canRun() {
        return Files.isExecutable(BWRAP) && "root".equals(System.getProperty("user.name"));
    }

    static ImageRoot unpack(Path tarball) throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("image-root-");
        OciTarball.unpack(tarball, root);
        JsonNode config = OciTarball.read(tarball).containerConfig();
        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
        Map<String, String> environment = new LinkedHashMap<>();
        config.path("Env").forEach(e -> environment.put(e.asText().substring(0, e.asText().indexOf('=')),
                e.asText().substring(e.asText().indexOf('=') + 1)));
        return new ImageRoot(root, entrypoint, environment, config.path("WorkingDir").asText("/"));
    }

    List<String> entrypoint() {
        return entrypoint;
    }

    /** Whether the entrypoint starts the JVM on an AOT cache (else on AppCDS, or on nothing). */
    boolean aotCache() {
        return entrypoint.stream().anyMatch(option -> option.startsWith("-XX:AOTCache="));
    }

    /** Makes a JVM that cannot use the image's archive fail rather than start without it. */
    String archiveRequired() {
        return aotCache() ? "-XX:AOTMode=on" : "-Xshare:on";
    }

    /** Starts the JVM without the image's archive. */
    String archiveOff() {
        return aotCache() ? "-XX:AOTMode=off" : "-Xshare:off";
    }

    /** The entrypoint with {@code jvmOptions} just before {@code -jar}, and {@code env} over the image's. */
    ProcessBuilder command(List<String> jvmOptions, Map<String, String> env) {
        List<String> command = new ArrayList<>(List.of(BWRAP.toString(), "--bind", root.toString(), "/",
                "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--unshare-pid", "--as-pid-1",
                "--die-with-parent", "--chdir", workingDirectory, "--clearenv"));
        Map<String, String> all = new LinkedHashMap<>(environment);
        all.putAll(env);
        all.forEach((name, value) -> command.addAll(List.of("--setenv", name, value)));
        command.add("--");
        int jar = entrypoint.indexOf("-jar");
        command.addAll(entrypoint.subList(0, jar));
        command.addAll(jvmOptions);
        command.addAll(entrypoint.subList(jar, entrypoint.size()));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    @Override
    public void close() throws Exception {
        new ProcessBuilder("rm", "-rf", root.toString()).start().waitFor(1, TimeUnit.MINUTES);
    }
}
