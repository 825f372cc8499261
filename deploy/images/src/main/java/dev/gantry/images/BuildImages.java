package dev.gantry.images;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.JibContainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./gantry images}: builds the seven images into OCI image tarballs under the output directory, or
 * pushes them when a registry is given. Every reference is checked before anything is built.
 * Options ({@code --name=value}; empty means the default): repo, version, out, registry, tag, revision,
 * base, sandbox-base (a registry image or {@code tar://} path; default: the tarballs base-images.sh builds),
 * insecure (true: allow a plain-HTTP registry), only (a comma-separated list of components).
 */
public final class BuildImages {

    private BuildImages() {
    }

    public static void main(String[] args) {
        try {
            run(Options.parse(args));
        } catch (IllegalArgumentException e) {
            System.err.println("gantry images: " + e.getMessage());
            System.exit(2);
        } catch (ImageBuildException | IOException e) {
            System.err.println("gantry images: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(130);
        }
    }

    static List<ImageReference> run(Options options) throws ImageBuildException, IOException, InterruptedException {
        String repository = options.registry().isBlank() ? GantryImages.DEFAULT_REPOSITORY : options.registry();
        String tag = options.tag().isBlank() ? GantryImages.defaultTag(options.version()) : options.tag();
        List<ImageSpec> specs = GantryImages.all().stream()
                .filter(spec -> options.only().isEmpty() || options.only().contains(spec.component())).toList();
        Map<ImageSpec, ImageReference> references = new LinkedHashMap<>();
        for (ImageSpec spec : specs) {
            references.put(spec, ImageTargets.reference(repository, spec.component(), tag));
        }
        String revision = options.revision().isBlank() ? Revision.of(options.repo()) : options.revision();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.source", GantryImages.SOURCE);
        labels.put("org.opencontainers.image.revision", revision);
        labels.put("org.opencontainers.image.version", tag);
        labels.put("org.opencontainers.image.vendor", "Gantry");
        labels.put("org.opencontainers.image.licenses", "Apache-2.0");

        Path out = options.out();
        Files.createDirectories(out);
        BaseImages bases = new BaseImages(options.repo(), out.resolve("base"), options.base(), options.sandboxBase());
        ImageBuilder builder = new ImageBuilder(out.resolve(".cache"), labels);
        List<String> summary = new ArrayList<>();
        // each base image tarball's Java, taken out once for all the images on it
        Map<Path, Path> javas = new HashMap<>();
        for (var entry : references.entrySet()) {
            ImageSpec spec = entry.getKey();
            ImageReference reference = entry.getValue();
            ImageBuilder.Destination destination = options.registry().isBlank()
                    ? new ImageBuilder.Tarball(reference, out.resolve(spec.component() + ".tar"))
                    : new ImageBuilder.Registry(reference, options.insecure());
            String base = bases.baseFor(spec.base());
            Optional<Path> archive = startupArchive(options.repo(), spec, base, out.resolve("startup-archives"),
                    javas);
            ImageSpec built = archive.map(file -> spec.withJvmOptions(StartupArchive.options(spec, file))).orElse(spec);
            JibContainer container = builder.build(built, spec.quarkusApp(options.repo()), archive, base, destination);
            String line = reference + "@" + container.getDigest();
            if (destination instanceof ImageBuilder.Tarball tarball) {
                line += "  " + tarball.file() + "  " + Files.size(tarball.file()) / (1024 * 1024) + " MiB";
            }
            System.out.println((options.registry().isBlank() ? "built  " : "pushed ") + line);
            summary.add(line);
        }
        Files.write(out.resolve("images.txt"), summary, StandardCharsets.UTF_8);
        return List.copyOf(references.values());
    }

    /**
     * The image's start-up archive, trained on the base image's own Java; none when the base is a registry image,
     * whose Java the build cannot run (the application then starts as a plain {@code java -jar}).
     */
    private static Optional<Path> startupArchive(Path repo, ImageSpec spec, String base, Path dir,
            Map<Path, Path> javas) throws IOException, InterruptedException {
        Optional<Path> tarball = StartupArchive.tarball(base);
        if (tarball.isEmpty()) {
            System.out.println("note   " + spec.component() + ": no start-up archive, its base " + base
                    + " is not an image tarball whose Java the build can train it on");
            return Optional.empty();
        }
        Path javaHome = javas.get(tarball.get());
        if (javaHome == null) {
            Path into = dir.resolve("java-of-" + tarball.get().getFileName());
            deleteTree(into);
            javaHome = StartupArchive.extractJava(tarball.get(), Files.createDirectories(into));
            javas.put(tarball.get(), javaHome);
        }
        Path work = dir.resolve(spec.component());
        deleteTree(work);
        Files.createDirectories(work);
        long started = System.nanoTime();
        Path archive = StartupArchive.train(repo, spec, javaHome, work);
        System.out.printf("trained %s's start-up archive on its image's Java: %s, %d MB, %.0f s%n", spec.component(),
                archive.getFileName(), Files.size(archive) >> 20, (System.nanoTime() - started) / 1e9);
        return Optional.of(archive);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The command's options. */
    record Options(Path repo, String version, Path out, String registry, String tag, String revision, String base,
                   String sandboxBase, boolean insecure, List<String> only) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("unknown argument '" + arg + "': options are --name=value");
                }
                values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1).strip());
            }
            Path repo = Path.of(values.getOrDefault("repo", ".")).toAbsolutePath().normalize();
            String version = values.getOrDefault("version", "");
            if (version.isBlank()) {
                throw new IllegalArgumentException("--version is required (the project's version)");
            }
            String out = values.getOrDefault("out", "");
            String only = values.getOrDefault("only", "");
            List<String> known = GantryImages.all().stream().map(ImageSpec::component).toList();
            List<String> chosen = only.isBlank() ? List.of() : List.of(only.split(","));
            for (String component : chosen) {
                if (!known.contains(component)) {
                    throw new IllegalArgumentException("only: unknown image '" + component + "'; known: " + known);
                }
            }
            return new Options(repo, version, out.isBlank() ? repo.resolve("target/images") : Path.of(out),
                    values.getOrDefault("registry", ""), values.getOrDefault("tag", ""),
                    values.getOrDefault("revision", ""), values.getOrDefault("base", ""),
                    values.getOrDefault("sandbox-base", ""), Boolean.parseBoolean(values.getOrDefault("insecure", "false")),
                    chosen);
        }
    }
}
