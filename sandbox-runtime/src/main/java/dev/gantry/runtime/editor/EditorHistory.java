package dev.gantry.runtime.editor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The editor's undo history, kept on disk so that it survives the runtime being stopped (a paused
 * sandbox keeps only its workspace volume, so the history lives there, under a directory git ignores).
 * Each edited file has a directory named by the hash of its path; each earlier version is a numbered
 * file in it, the highest number the newest. Like OpenHands' FileHistoryManager, at most
 * {@code maxPerFile} versions are kept per file.
 */
final class EditorHistory {

    private static final String ENTRY_FORMAT = "%010d";

    private final Path root;
    private final int maxPerFile;

    EditorHistory(Path root, int maxPerFile) {
        this.root = root;
        this.maxPerFile = maxPerFile;
    }

    /** Keeps {@code content} as the version {@code undo} of {@code file} restores next. */
    void push(Path file, String content) {
        Path dir = dirOf(file);
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root);
                // the history lies in the workspace; a `*` here keeps it (and this file) out of git
                Files.writeString(root.resolve(".gitignore"), "*\n");
            }
            Files.createDirectories(dir);
            List<Long> entries = entries(dir);
            long next = entries.isEmpty() ? 0 : entries.getLast() + 1;
            Path temporary = dir.resolve("next.tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, dir.resolve(ENTRY_FORMAT.formatted(next)), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            for (int i = 0; i < entries.size() + 1 - maxPerFile; i++) {
                Files.deleteIfExists(dir.resolve(ENTRY_FORMAT.formatted(entries.get(i))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the editor history could not be written", e);
        }
    }

    /** Removes and returns the newest earlier version of {@code file}, if there is one. */
    Optional<String> pop(Path file) {
        Path dir = dirOf(file);
        try {
            List<Long> entries = entries(dir);
            if (entries.isEmpty()) {
                return Optional.empty();
            }
            Path newest = dir.resolve(ENTRY_FORMAT.formatted(entries.getLast()));
            String content = Files.readString(newest, StandardCharsets.UTF_8);
            Files.delete(newest);
            return Optional.of(content);
        } catch (IOException e) {
            throw new UncheckedIOException("the editor history could not be read", e);
        }
    }

    private Path dirOf(Path file) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(file.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return root.resolve(HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version numbers kept for a file, oldest first; files that are not versions are ignored. */
    private static List<Long> entries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("\\d{10}"))
                    .map(Long::parseLong)
                    .sorted()
                    .toList();
        }
    }
}
