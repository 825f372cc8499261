package dev.gantry.images;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The sandbox runtime's start-up archive for its image, made by the build as the local one is (the runtime's
 * {@code src/build/RuntimeTraining.java}: the packaged runtime started, used as an agent uses it, stopped), but on
 * the image's own Java and files: an archive serves only the JVM that wrote it, and only jars whose size and time
 * are those it recorded. So the Java is taken out of the base image's tarball as it is there, and the runtime's
 * files are trained with the modification time the image gives them ({@link #MODIFICATION_TIME}, Jib's). A base
 * given as a registry image has no tarball to take the Java from: its image starts without an archive, as a plain
 * {@code java -jar}.
 *
 * <p>On JDK 25 the archive is {@code app.aot} (a JDK AOT cache), else {@code app-cds.jsa} (AppCDS), beside
 * {@code quarkus-run.jar}; the entrypoint names it ({@link #option}). Should a JVM ever refuse it (another Java
 * under the same image), the runtime starts without it, as the JVM does for an archive it cannot use.
 */
final class RuntimeArchive {

    /** The time every file of Gantry's layers carries in the image: Jib's default, fixed for reproducible images. */
    static final Instant MODIFICATION_TIME = FileEntriesLayer.DEFAULT_MODIFICATION_TIME;
    static final String AOT_CACHE = "app.aot";
    static final String CDS_ARCHIVE = "app-cds.jsa";
    /** Where the base images keep their Java (base-images.sh), inside the image. */
    static final String IMAGE_JAVA_HOME = "opt/java/openjdk";
    private static final long TRAINING_TIMEOUT_MINUTES = 10;

    private RuntimeArchive() {
    }

    /**
     * Trains the runtime of {@code quarkusApp} on the Java of the base image tarball.
     *
     * @param repo the repository (for the training program)
     * @param quarkusApp the runtime's packaged application
     * @param base the base image tarball, in Docker archive layout (base-images.sh)
     * @param jvmOptions the JVM options the image starts the runtime with
     * @param environment the image's environment ({@code JDK_JAVA_OPTIONS} among it), which the training runtime gets
     * @param work an empty directory for the run
     * @return the archive, in {@code work}
     */
    static Path train(Path repo, Path quarkusApp, Path base, List<String> jvmOptions,
            java.util.Map<String, String> environment, Path work) throws IOException, InterruptedException {
        Path javaHome = extractJava(base, work.resolve("base"));
        Path app = work.resolve("app");
        copyWithImageTimes(quarkusApp, app);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dgantry.training.java=" + javaHome.resolve("bin/java"));
        // the entrypoint names /opt/gantry/quarkus-run.jar from /workspace: an archive of a jar named by its absolute
        // path is taken where the directory has moved (a relative one would be looked for in the working directory)
        command.add("-Dgantry.training.absolute-jar=true");
        command.add(repo.resolve("sandbox-runtime/src/build/RuntimeTraining.java").toString());
        command.add(app.toString());
        command.add(work.resolve("training").toString());
        command.add("true");
        command.addAll(jvmOptions);
        ProcessBuilder training = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("training.log").toFile());
        training.environment().put("JDK_JAVA_OPTIONS", environment.getOrDefault("JDK_JAVA_OPTIONS", ""));
        Process process = training.start();
        if (!process.waitFor(TRAINING_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("the runtime's training for its image took over " + TRAINING_TIMEOUT_MINUTES
                    + " minutes (" + work.resolve("training.log") + ")");
        }
        if (process.exitValue() != 0) {
            throw new IOException("the runtime's training for its image failed: " + work.resolve("training.log"));
        }
        return Stream.of(AOT_CACHE, CDS_ARCHIVE).map(app::resolve).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IOException("the training left no archive in " + app));
    }

    /**
     * The entrypoint's options that start the JVM on the archive, where the image has it; with an AOT cache, its
     * method profiles are not replayed (as the local launcher's {@code RuntimeCommand}: they serve the server
     * compiler, which the runtime does not use).
     */
    static List<String> options(Path archive, String appDir) {
        String inImage = appDir + "/" + archive.getFileName();
        return archive.getFileName().toString().equals(AOT_CACHE)
                ? List.of("-XX:AOTCache=" + inImage, "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining")
                : List.of("-XX:SharedArchiveFile=" + inImage);
    }

    /** The base image's tarball path, when the base is one ({@code tar://...}). */
    static Optional<Path> tarball(String base) {
        return base.startsWith("tar://") ? Optional.of(Path.of(base.substring("tar://".length()))) : Optional.empty();
    }

    /**
     * The base image's Java, as the image holds it (files, modes and times): its layers are unpacked in order,
     * only {@value #IMAGE_JAVA_HOME}.
     */
    private static Path extractJava(Path base, Path into) throws IOException, InterruptedException {
        Path layers = Files.createDirectories(into.resolve("layers"));
        Path root = Files.createDirectories(into.resolve("root"));
        tar(List.of("-xf", base.toString(), "-C", layers.toString()));
        var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(layers.resolve("manifest.json").toFile());
        for (var layer : manifest.get(0).get("Layers")) {
            // the layers name their files ./opt/...; a layer without the Java is left as it is
            tar(List.of("-xf", layers.resolve(layer.asText()).toString(), "-C", root.toString(), "--no-same-owner",
                    "--wildcards", "./" + IMAGE_JAVA_HOME + "/*", IMAGE_JAVA_HOME + "/*"));
        }
        Path javaHome = root.resolve(IMAGE_JAVA_HOME);
        if (!Files.isExecutable(javaHome.resolve("bin/java"))) {
            throw new IOException("the base image " + base + " has no Java at /" + IMAGE_JAVA_HOME);
        }
        return javaHome;
    }

    /** Runs tar; a pattern that matches nothing in a layer is not an error (exit status 2 with "Not found"). */
    private static void tar(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tar"));
        command.addAll(arguments);
        Process tar = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes());
        int status = tar.waitFor();
        if (status != 0 && !output.contains("Not found in archive")) {
            throw new IOException("tar " + String.join(" ", arguments) + " failed: " + output.strip());
        }
    }

    /** The application as the image has it: the same files (no archive of the local build), Jib's time on each. */
    private static void copyWithImageTimes(Path from, Path to) throws IOException {
        FileTime time = FileTime.from(MODIFICATION_TIME);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.equals(AOT_CACHE) || name.equals(CDS_ARCHIVE)) {
                    continue;
                }
                Path copy = to.resolve(from.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
                Files.setLastModifiedTime(copy, time);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
