package dev.gantry.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The start-up archive an image's JVM starts on, made by the image build as the local build makes it, but on the
 * image's own Java and files: an archive serves only the JVM that wrote it, and only jars whose size and time are
 * those it recorded. So the Java is taken out of the base image's tarball as it is there, and the application's
 * files are trained with the modification time the image gives them ({@link #MODIFICATION_TIME}, Jib's), its jar
 * named by its absolute path (the entrypoint names {@code /deployments/quarkus-run.jar} from another working
 * directory: the JVM takes such an archive where the directory has moved, not one of a jar named relative to it).
 *
 * <p>The sandbox runtime is trained as the local build trains it (its {@code src/build/RuntimeTraining.java}:
 * started, used as an agent uses it, stopped); a service as Quarkus trains it at build ({@code
 * quarkus.appcds.generate}: its start up to where it would connect to anything, then its exit), which needs no
 * database or broker. A base given as a registry image has no tarball to take the Java from: its images start
 * without an archive, as a plain {@code java -jar}.
 *
 * <p>On JDK 25 the archive is {@code app.aot} (a JDK AOT cache), else {@code app-cds.jsa} (AppCDS), beside
 * {@code quarkus-run.jar}; the entrypoint names it ({@link #options}).
 */
final class StartupArchive {

    /** The time every file of Gantry's layers carries in the image: Jib's default, fixed for reproducible images. */
    static final Instant MODIFICATION_TIME = FileEntriesLayer.DEFAULT_MODIFICATION_TIME;
    static final String AOT_CACHE = "app.aot";
    static final String CDS_ARCHIVE = "app-cds.jsa";
    /** Where the base images keep their Java (base-images.sh), inside the image. */
    static final String IMAGE_JAVA_HOME = "opt/java/openjdk";
    private static final long TRAINING_TIMEOUT_MINUTES = 10;

    private StartupArchive() {
    }

    /**
     * Trains the image's application on the Java of its base image.
     *
     * @param repo the repository (for the runtime's training program)
     * @param spec the image
     * @param javaHome the base image's Java, as {@link #extractJava} took it out
     * @param work an empty directory for the run
     * @return the archive, in {@code work}
     */
    static Path train(Path repo, ImageSpec spec, Path javaHome, Path work) throws IOException, InterruptedException {
        Path java = javaHome.resolve("bin/java");
        Path app = work.resolve("app");
        copyWithImageTimes(spec.quarkusApp(repo), app);
        List<String> command = new ArrayList<>();
        if (spec.base() == ImageSpec.BaseKind.SANDBOX) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Dgantry.training.java=" + java);
            command.add("-Dgantry.training.absolute-jar=true");
            command.add(repo.resolve("sandbox-runtime/src/build/RuntimeTraining.java").toString());
            command.add(app.toString());
            command.add(work.resolve("training").toString());
            command.add("true");
            command.addAll(GantryImages.SANDBOX_RUNTIME_JVM_OPTIONS);
        } else {
            command.add(java.toString());
            command.add(featureVersion(java) >= 25 ? "-XX:AOTCacheOutput=" + app.resolve(AOT_CACHE)
                    : "-XX:ArchiveClassesAtExit=" + app.resolve(CDS_ARCHIVE));
            command.add("-Dquarkus.appcds.generate=true");
            command.add("-jar");
            command.add(app.resolve("quarkus-run.jar").toString());
        }
        ProcessBuilder training = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("training.log").toFile());
        // the image's own JVM options (JDK_JAVA_OPTIONS): an archive is made with the options it serves
        training.environment().put("JDK_JAVA_OPTIONS", spec.environment().getOrDefault("JDK_JAVA_OPTIONS", ""));
        training.environment().putAll(trainingSettings());
        Process process = training.start();
        if (!process.waitFor(TRAINING_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(spec.component() + "'s training for its image took over "
                    + TRAINING_TIMEOUT_MINUTES + " minutes (" + work.resolve("training.log") + ")");
        }
        if (process.exitValue() != 0) {
            throw new IOException(spec.component() + "'s training for its image failed: "
                    + work.resolve("training.log"));
        }
        return Stream.of(AOT_CACHE, CDS_ARCHIVE).map(app::resolve).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IOException("the training left no archive in " + app + " ("
                        + work.resolve("training.log") + ")"));
    }

    /**
     * What a service needs to get through its start with no default to fall back on, each a throwaway value made
     * for one training run: conversation-service's secrets master key (32 random bytes). The archive holds classes,
     * not configuration, and the image none of it.
     */
    static Map<String, String> trainingSettings() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Map.of("GANTRY_SECRETS_MASTER_KEY", Base64.getEncoder().encodeToString(key));
    }

    /** The feature version of the Java an executable belongs to, from its {@code release} file. */
    private static int featureVersion(Path java) throws IOException {
        Path release = java.getParent().getParent().resolve("release");
        for (String line : Files.readAllLines(release, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("JAVA_VERSION=\"")) {
                return Integer.parseInt(line.substring("JAVA_VERSION=\"".length()).split("[.\"+-]")[0]);
            }
        }
        throw new IOException("no JAVA_VERSION in " + release);
    }

    /**
     * The entrypoint's options that start the JVM on the archive, where the image has it; the sandbox runtime's
     * AOT cache without replaying its method profiles (as the local launcher's {@code RuntimeCommand}: they serve the
     * server compiler, which the runtime does not use; the services use it).
     */
    static List<String> options(ImageSpec spec, Path archive) {
        String inImage = spec.appDir() + "/" + archive.getFileName();
        if (!archive.getFileName().toString().equals(AOT_CACHE)) {
            return List.of("-XX:SharedArchiveFile=" + inImage);
        }
        return spec.base() == ImageSpec.BaseKind.SANDBOX
                ? List.of("-XX:AOTCache=" + inImage, "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining")
                : List.of("-XX:AOTCache=" + inImage);
    }

    /** The base image's tarball path, when the base is one ({@code tar://...}). */
    static Optional<Path> tarball(String base) {
        return base.startsWith("tar://") ? Optional.of(Path.of(base.substring("tar://".length()))) : Optional.empty();
    }

    /**
     * The base image's Java, as the image holds it (files, modes and times): its layers are unpacked in order,
     * only {@value #IMAGE_JAVA_HOME}. Images on the same base share what this takes out once.
     *
     * @param base the base image tarball, in Docker archive layout (base-images.sh)
     * @param into an empty directory
     */
    static Path extractJava(Path base, Path into) throws IOException, InterruptedException {
        Path layers = Files.createDirectories(into.resolve("layers"));
        Path root = Files.createDirectories(into.resolve("root"));
        tar(List.of("-xf", base.toString(), "-C", layers.toString()));
        JsonNode manifest = new ObjectMapper().readTree(layers.resolve("manifest.json").toFile());
        for (JsonNode layer : manifest.get(0).get("Layers")) {
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
