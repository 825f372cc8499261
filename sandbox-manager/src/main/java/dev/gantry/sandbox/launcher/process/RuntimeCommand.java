package dev.gantry.sandbox.launcher.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The java command line of one runtime, run from the runtime's {@code quarkus-app} directory: the JVM options,
 * then the start-up archive the build trained and left beside {@code quarkus-run.jar} when there is one the JVM
 * can use ({@code app.aot}, a JDK AOT cache, on JDK 24 or newer; {@code app-cds.jsa}, AppCDS, on any), and the
 * jar named relative to that directory, as both archives record it. The archive is the build's, read-only to
 * every sandbox: no sandbox writes anything the next runtime loads.
 *
 * @param java the java executable
 * @param jar the runtime's {@code quarkus-run.jar}, absolute
 */
public record RuntimeCommand(Path java, Path jar) {

    /** The AOT cache (JEP 483) the build makes on JDK 24 or newer. */
    public static final String AOT_CACHE = "app.aot";
    /** The AppCDS archive the build makes on an older JDK. */
    public static final String CDS_ARCHIVE = "app-cds.jsa";
    /** Marks a runtime's command line, so that a restarted manager recognises the processes it may take back. */
    static final String MARKER = "-Ddev.gantry.sandbox-runtime=";

    private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    /** The directory the runtime starts in: the one holding the jar and its archive. */
    public Path application() {
        return jar.getParent();
    }

    /**
     * The whole command.
     *
     * @param jvmOptions the operator's JVM options
     * @param useArchive whether to start on the build's archive when there is one
     */
    public List<String> command(List<String> jvmOptions, boolean useArchive) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        if (useArchive) {
            command.addAll(archiveOptions());
        }
        command.add(MARKER + jar);
        command.add("-jar");
        command.add(jar.getFileName().toString());
        return List.copyOf(command);
    }

    /**
     * The options that start the JVM on the build's archive, or none when it has none this JVM can read. With an
     * AOT cache on JDK 25 or newer, the method profiles it holds (JEP 515) are not replayed: they serve the server
     * compiler, which the runtime's options leave out ({@code TieredStopAtLevel=1}), and replaying them made a
     * start compile more.
     */
    public List<String> archiveOptions() {
        int version = javaFeatureVersion().orElse(0);
        if (Files.isRegularFile(application().resolve(AOT_CACHE)) && version >= 24) {
            return version >= 25
                    ? List.of("-XX:AOTCache=" + AOT_CACHE, "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining")
                    : List.of("-XX:AOTCache=" + AOT_CACHE);
        }
        if (Files.isRegularFile(application().resolve(CDS_ARCHIVE))) {
            return List.of("-XX:SharedArchiveFile=" + CDS_ARCHIVE);
        }
        return List.of();
    }

    /** Whether a process's arguments are those of a runtime started from this jar. */
    public boolean startedBy(List<String> arguments) {
        return arguments.contains(MARKER + jar) || arguments.contains(jar.toString());
    }

    /** The JDK's feature version, from the {@code release} file of the JDK the executable belongs to. */
    Optional<Integer> javaFeatureVersion() {
        try {
            Path home = java.toRealPath().getParent().getParent();
            Path release = home.resolve("release");
            if (!Files.isRegularFile(release)) {
                return Optional.empty();
            }
            Matcher version = RELEASE_VERSION.matcher(Files.readString(release, StandardCharsets.ISO_8859_1));
            return version.find() ? Optional.of(Integer.parseInt(version.group(1))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
