package dev.gantry.images;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Builds one image with Jib: the base (a {@code tar://} image tarball or a registry image), then the Quarkus
 * fast-jar in three layers that change at different paces (dependencies, Quarkus' generated classes and
 * launcher, the application), owned by root and read-only to the user that runs them.
 */
public final class ImageBuilder {

    /** Where the image goes: an OCI image tarball, or a registry. */
    public sealed interface Destination {
        ImageReference reference();
    }

    public record Tarball(ImageReference reference, Path file) implements Destination {
    }

    /** A push; credentials come from the Docker config file, or GANTRY_REGISTRY_USERNAME/_PASSWORD. */
    public record Registry(ImageReference reference, boolean allowInsecure) implements Destination {
    }

    private final Path cache;
    private final Map<String, String> labels;

    /**
     * @param cache Jib's layer caches
     * @param labels added to every image (the OCI source, revision and version)
     */
    public ImageBuilder(Path cache, Map<String, String> labels) {
        this.cache = cache;
        this.labels = Map.copyOf(labels);
    }

    /** @param base {@code tar:///path/to/image.tar} or a registry reference */
    public JibContainer build(ImageSpec spec, Path quarkusApp, String base, Destination destination)
            throws ImageBuildException {
        return build(spec, quarkusApp, Optional.empty(), base, destination);
    }

    /**
     * @param archive the application's start-up archive for this image's Java, put beside {@code quarkus-run.jar}
     *        in a layer of its own; the entrypoint is expected to name it
     */
    public JibContainer build(ImageSpec spec, Path quarkusApp, Optional<Path> archive, String base,
            Destination destination) throws ImageBuildException {
        String image = spec.component() + " (" + destination.reference() + ")";
        try {
            AbsoluteUnixPath appDir = AbsoluteUnixPath.get(spec.appDir());
            List<FileEntriesLayer> layers = new ArrayList<>(layers(quarkusApp, appDir));
            archive.ifPresent(file -> layers.add(FileEntriesLayer.builder().setName("start-up archive")
                    .addEntry(file, appDir.resolve(file.getFileName().toString()),
                            FilePermissions.fromOctalString("644"), StartupArchive.MODIFICATION_TIME).build()));
            JibContainerBuilder container = Jib.from(base)
                    .setFormat(ImageFormat.OCI)
                    .setFileEntriesLayers(layers)
                    .setEntrypoint(spec.entrypoint())
                    .setEnvironment(spec.environment())
                    .setUser(spec.user())
                    .setWorkingDirectory(AbsoluteUnixPath.get(spec.workingDirectory()))
                    .addExposedPort(Port.tcp(spec.port()))
                    .setLabels(labels);
            container.addLabel("org.opencontainers.image.title", spec.component());
            return container.containerize(containerizer(destination));
        } catch (UncheckedIOException e) {
            throw new ImageBuildException("building " + image + " failed: " + e.getCause().getMessage(), e);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String what = destination instanceof Registry ? "pushing " + image + " to "
                    + destination.reference().getRegistry() : "building " + image;
            throw new ImageBuildException(what + " failed: " + causes(e), e);
        }
    }

    private Containerizer containerizer(Destination destination) throws Exception {
        Containerizer containerizer = switch (destination) {
            case Tarball tarball -> Containerizer.to(TarImage.at(tarball.file()).named(tarball.reference()));
            case Registry registry -> Containerizer.to(registryImage(registry.reference()))
                    .setAllowInsecureRegistries(registry.allowInsecure());
        };
        return containerizer.setToolName("gantry-images")
                .setBaseImageLayersCache(cache.resolve("base"))
                .setApplicationLayersCache(cache.resolve("application"))
                .addEventHandler(LogEvent.class, event -> {
                    if (event.getLevel() == LogEvent.Level.ERROR || event.getLevel() == LogEvent.Level.WARN) {
                        System.err.println("[jib] " + event.getMessage());
                    }
                });
    }

    private static RegistryImage registryImage(ImageReference reference) {
        RegistryImage image = RegistryImage.named(reference);
        String username = System.getenv("GANTRY_REGISTRY_USERNAME");
        String password = System.getenv("GANTRY_REGISTRY_PASSWORD");
        if (username != null && !username.isBlank() && password != null) {
            return image.addCredential(username, password);
        }
        return image.addCredentialRetriever(
                CredentialRetrieverFactory.forImage(reference, event -> { }).dockerConfig());
    }

    /** The fast-jar's directories, each its own layer: lib/ (dependencies), quarkus-run.jar with quarkus/, app/. */
    static List<FileEntriesLayer> layers(Path quarkusApp, AbsoluteUnixPath target) {
        if (!Files.isRegularFile(quarkusApp.resolve("quarkus-run.jar"))) {
            throw new UncheckedIOException(new IOException(
                    "no Quarkus application at " + quarkusApp + ": package the module first (mvn package)"));
        }
        List<FileEntriesLayer> layers = new ArrayList<>();
        layers.add(layer("dependencies", quarkusApp, List.of("lib"), target));
        layers.add(layer("quarkus", quarkusApp, List.of("quarkus-run.jar", "quarkus"), target));
        layers.add(layer("application", quarkusApp, List.of("app"), target));
        return layers;
    }

    private static FileEntriesLayer layer(String name, Path root, List<String> entries, AbsoluteUnixPath target) {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        for (String entry : entries) {
            Path source = root.resolve(entry);
            if (!Files.exists(source)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(source)) {
                // the time the image's start-up archive was trained with (StartupArchive): it checks the jars' times
                files.filter(Files::isRegularFile).sorted().forEach(file -> layer.addEntry(file,
                        target.resolve(root.relativize(file).toString().replace('\\', '/')),
                        FilePermissions.fromOctalString("644"), StartupArchive.MODIFICATION_TIME));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return layer.build();
    }

    /** The messages of an exception and its causes, e.g. Jib's summary and the registry's own answer. */
    static String causes(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && text.indexOf(message) < 0) {
                text.append(text.isEmpty() ? "" : ": ").append(message);
            }
        }
        return text.isEmpty() ? error.getClass().getSimpleName() : text.toString();
    }
}
