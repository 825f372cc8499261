package dev.gantry.runtime.files;

import dev.gantry.runtime.config.RuntimeConfig;
import dev.gantry.runtime.rest.ApiProblem;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Moves whole files in and out of the sandbox. Paths arrive resolved and confined; uploads are streamed to a
 * temporary file beside the target and moved into place, so a reader never sees half a file.
 */
@ApplicationScoped
public class FileTransfer {

    private static final int COPY_BUFFER_BYTES = 64 * 1024;

    private final RuntimeConfig.Files config;

    FileTransfer(RuntimeConfig config) {
        this.config = config.files();
    }

    /** The file to send; directories are refused with a pointer to the listing. */
    public Path download(Path path) {
        if (!Files.exists(path)) {
            throw ApiProblem.notFound("path", path.toString());
        }
        if (Files.isDirectory(path)) {
            // read by the runtime's clients and, passed on, by the public API's
            throw ApiProblem.unprocessable("path", path + " is a directory, not a file: list it instead"
                    + " (GET /api/v1/files/list here, list=true on the public API).");
        }
        return path;
    }

    /**
     * Writes the upload to {@code path}, creating parent directories and replacing an existing file.
     *
     * @param declaredLength the request's Content-Length, or -1 when the body is chunked
     * @return whether the file is new
     */
    public boolean upload(Path path, InputStream body, long declaredLength) {
        long limit = config.maxUploadSize().asLongValue();
        if (declaredLength > limit) {
            throw tooLarge(declaredLength + " bytes", limit);
        }
        if (Files.isDirectory(path)) {
            throw ApiProblem.unprocessable("path", path + " is a directory; upload to a file path inside it.");
        }
        boolean created = !Files.exists(path);
        Path partial = null;
        try {
            Files.createDirectories(path.getParent());
            partial = Files.createTempFile(path.getParent(), "." + path.getFileName() + ".", ".upload");
            long written = copyBounded(body, partial, limit);
            Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Log.debugf("uploaded %d bytes to %s", written, path);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deletePartial(partial);
        }
    }

    public DirectoryListing list(Path directory) {
        if (!Files.exists(directory)) {
            throw ApiProblem.notFound("path", directory.toString());
        }
        if (!Files.isDirectory(directory)) {
            throw ApiProblem.unprocessable("path", directory + " is a file, not a directory: read it instead.");
        }
        try (Stream<Path> children = Files.list(directory)) {
            List<FileEntry> entries = children.map(FileTransfer::entry)
                    .sorted(Comparator.comparing(FileEntry::name))
                    .toList();
            return new DirectoryListing(directory.toString(), entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FileEntry describe(Path path) {
        return entry(path);
    }

    private static FileEntry entry(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            String type = attributes.isSymbolicLink() ? "symlink"
                    : attributes.isDirectory() ? "directory"
                    : attributes.isRegularFile() ? "file"
                    : "other";
            return new FileEntry(path.getFileName().toString(), path.toString(), type,
                    attributes.isRegularFile() ? attributes.size() : 0, attributes.lastModifiedTime().toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long copyBounded(InputStream body, Path target, long limit) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            int read;
            while ((read = body.read(buffer)) >= 0) {
                written += read;
                if (written > limit) {
                    throw tooLarge("more than " + limit + " bytes", limit);
                }
                out.write(buffer, 0, read);
            }
        }
        return written;
    }

    private static ApiProblem tooLarge(String size, long limit) {
        return ApiProblem.tooLarge("body", "the upload has " + size + ", above the limit of " + limit + " bytes");
    }

    private static void deletePartial(Path partial) {
        if (partial == null) {
            return;
        }
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            Log.warnf("could not remove the partial upload %s: %s", partial, e.getMessage());
        }
    }
}
