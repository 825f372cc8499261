package dev.gantry.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The git commit the images are built from, for their org.opencontainers.image.revision label. */
final class Revision {

    private Revision() {
    }

    static String of(Path repo) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "-C", repo.toString(), "rev-parse", "HEAD")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String commit = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (git.waitFor() != 0 || !commit.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException(repo + " is not a git checkout: give the commit with --revision=");
        }
        return commit;
    }
}
