package dev.gantry.images;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;

/** Turns the registry and tag a user gives into image references, refusing a malformed one before any build. */
public final class ImageTargets {

    private ImageTargets() {
    }

    /**
     * {@code <repository>/<component>:<tag>}.
     *
     * @param repository {@code registry-host[:port]/namespace...}, e.g. {@code ghcr.io/gantry-dev}
     * @throws IllegalArgumentException naming what is wrong: the tag, or the reference as a whole
     */
    public static ImageReference reference(String repository, String component, String tag) {
        if (!ImageReference.isValidTag(tag)) {
            throw new IllegalArgumentException("image tag '" + tag + "' is not a valid tag: up to 128 letters, digits,"
                    + " '_', '.' and '-', not starting with '.' or '-'");
        }
        String reference = stripSlashes(repository) + "/" + component + ":" + tag;
        try {
            return ImageReference.parse(reference);
        } catch (InvalidImageReferenceException e) {
            throw new IllegalArgumentException("image reference '" + reference + "' is not valid: the registry must be"
                    + " host[:port]/namespace in lower case (letters, digits, '.', '_', '-')", e);
        }
    }

    private static String stripSlashes(String repository) {
        String trimmed = repository.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("registry is empty: give host[:port]/namespace");
        }
        return trimmed;
    }
}
