package dev.gantry.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The base each image is layered on: the one given (a registry image, or {@code tar://} a tarball), else the
 * tarballs that deploy/images/base-images.sh builds from Debian packages and the local JDK, built on first use.
 */
final class BaseImages {

    private final Path repo;
    private final Path dir;
    private final String jre;
    private final String sandbox;

    BaseImages(Path repo, Path dir, String jre, String sandbox) {
        this.repo = repo;
        this.dir = dir;
        this.jre = jre;
        this.sandbox = sandbox;
    }

    String baseFor(ImageSpec.BaseKind kind) throws IOException, InterruptedException {
        String given = kind == ImageSpec.BaseKind.JRE ? jre : sandbox;
        if (!given.isBlank()) {
            return given;
        }
        Path tarball = dir.resolve(kind == ImageSpec.BaseKind.JRE ? "jre-base.tar" : "sandbox-base.tar");
        if (!Files.isRegularFile(tarball)) {
            Process script = new ProcessBuilder("bash", repo.resolve("deploy/images/base-images.sh").toString(),
                    dir.toString()).inheritIO().start();
            if (script.waitFor() != 0 || !Files.isRegularFile(tarball)) {
                throw new IOException("building the base image " + tarball + " failed (deploy/images/base-images.sh)");
            }
        }
        return "tar://" + tarball.toAbsolutePath();
    }
}
