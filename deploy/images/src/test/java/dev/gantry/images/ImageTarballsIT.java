package dev.gantry.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads the image tarballs that {@code -Pimages} (./gantry images) wrote under target/images: what each image
 * runs, as whom, on which port, and that its layers hold the application and what it needs to run.
 */
class ImageTarballsIT {

    private static final Path REPO = Path.of(System.getProperty("gantry.repo"));
    private static final Path OUT = Path.of(System.getProperty("gantry.images.out"));
    private static final String TAG = GantryImages.defaultTag(System.getProperty("gantry.version"));

    static Stream<ImageSpec> images() {
        return GantryImages.all().stream();
    }

    @ParameterizedTest
    @MethodSource("images")
    void theTarballIsNamedAsTheChartNamesTheImage(ImageSpec spec) throws IOException {
        assertThat(read(spec).referenceName())
                .isEqualTo(GantryImages.DEFAULT_REPOSITORY + "/" + spec.component() + ":" + TAG);
    }

    @ParameterizedTest
    @MethodSource("images")
    void itRunsTheApplicationAsANonRootUserOnItsPort(ImageSpec spec) throws IOException {
        var config = read(spec).containerConfig();

        String user = config.path("User").asText();
        assertThat(user).isEqualTo(spec.user());
        assertThat(user.split(":")[0]).isNotIn("0", "root", "");
        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
        assertThat(entrypoint).isEqualTo(expectedEntrypoint(spec)).contains(spec.appDir() + "/quarkus-run.jar");
        assertThat(config.path("ExposedPorts").has(spec.port() + "/tcp")).isTrue();
        assertThat(config.path("WorkingDir").asText()).isEqualTo(spec.workingDirectory());
    }

    @ParameterizedTest
    @MethodSource("images")
    void itsJvmWritesOnlyToTmpSoThatTheRootFileSystemCanBeReadOnly(ImageSpec spec) throws IOException {
        List<String> env = read(spec).env();

        assertThat(env).contains("JDK_JAVA_OPTIONS=" + GantryImages.JDK_JAVA_OPTIONS);
        assertThat(GantryImages.JDK_JAVA_OPTIONS).contains("-Djava.io.tmpdir=/tmp", "-XX:-UsePerfData");
        assertThat(env).anyMatch(e -> e.startsWith("PATH=") && e.contains("/opt/java/openjdk/bin"));
        if (spec.base() == ImageSpec.BaseKind.JRE) {
            assertThat(env).contains("HOME=/tmp");
        }
    }

    @ParameterizedTest
    @MethodSource("images")
    void itCarriesTheOciLabelsOfItsSourceRevisionAndVersion(ImageSpec spec) throws Exception {
        var labels = read(spec).containerConfig().path("Labels");

        assertThat(labels.path("org.opencontainers.image.source").asText()).isEqualTo(GantryImages.SOURCE);
        assertThat(labels.path("org.opencontainers.image.version").asText()).isEqualTo(TAG);
        assertThat(labels.path("org.opencontainers.image.title").asText()).isEqualTo(spec.component());
        String revision = labels.path("org.opencontainers.image.revision").asText();
        assertThat(revision).matches("[0-9a-f]{40}");
        Process git = new ProcessBuilder("git", "-C", REPO.toString(), "cat-file", "-t", revision).start();
        assertThat(new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
                .as("the revision is a commit of this repository").isEqualTo("commit");
    }

    @ParameterizedTest
    @MethodSource("images")
    void itsLayersHoldTheQuarkusApplicationAndAJavaRuntime(ImageSpec spec) throws IOException {
        OciTarball image = read(spec);
        List<String> entries = image.allEntries();

        assertThat(entries).contains(spec.appDir() + "/quarkus-run.jar",
                spec.appDir() + "/quarkus/quarkus-application.dat", "/opt/java/openjdk/bin/java", "/etc/passwd");
        assertThat(entries).anyMatch(e -> e.startsWith(spec.appDir() + "/lib/main/") && e.endsWith(".jar"));
        assertThat(entries).anyMatch(e -> e.startsWith(spec.appDir() + "/app/") && e.endsWith(".jar"));
        // the application's three layers come last, dependencies first: a code change rebuilds only the last (and
        // the start-up archive, trained on all of them, after them)
        List<List<String>> layers = image.layerEntries();
        int application = layers.size() - 2;
        assertThat(layers.get(application - 2)).allMatch(e -> e.startsWith(spec.appDir() + "/lib")
                || spec.appDir().startsWith(e.replaceFirst("/$", "")));
        assertThat(layers.get(application)).anyMatch(e -> e.startsWith(spec.appDir() + "/app/"));
    }

    @ParameterizedTest
    @MethodSource("images")
    void itCarriesTheStartUpArchiveTrainedForItsJavaInALayerOfItsOwn(ImageSpec spec) throws IOException {
        List<List<String>> layers = read(spec).layerEntries();

        assertThat(layers.getLast()).containsAnyOf(spec.appDir() + "/" + StartupArchive.AOT_CACHE,
                spec.appDir() + "/" + StartupArchive.CDS_ARCHIVE);
        assertThat(read(spec).allEntries()).filteredOn(e -> e.endsWith(".aot") || e.endsWith(".jsa")).hasSize(1);
    }

    /** The spec's entrypoint with the options of the archive the build trained for it. */
    private static List<String> expectedEntrypoint(ImageSpec spec) throws IOException {
        String archive = read(spec).allEntries().contains(spec.appDir() + "/" + StartupArchive.AOT_CACHE)
                ? StartupArchive.AOT_CACHE : StartupArchive.CDS_ARCHIVE;
        return spec.withJvmOptions(StartupArchive.options(spec, Path.of(archive))).entrypoint();
    }

    @Test
    void theSandboxImageCarriesTheAgentsTools() throws IOException {
        List<String> entries = read(GantryImages.sandboxRuntime()).allEntries();

        assertThat(entries).contains("/usr/bin/bash", "/usr/bin/git", "/usr/bin/python3", "/usr/bin/node",
                "/usr/bin/npm", "/usr/bin/make", "/usr/bin/gcc", "/usr/bin/curl", "/usr/bin/tini", "/workspace/");
    }

    private static final java.util.Map<String, OciTarball> READ = new java.util.concurrent.ConcurrentHashMap<>();

    /** Each tarball is read once for all the checks. */
    private static OciTarball read(ImageSpec spec) throws IOException {
        OciTarball image = READ.get(spec.component());
        if (image == null) {
            image = OciTarball.read(OUT.resolve(spec.component() + ".tar"));
            READ.put(spec.component(), image);
        }
        return image;
    }
}
