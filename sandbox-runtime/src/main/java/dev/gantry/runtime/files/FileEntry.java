package dev.gantry.runtime.files;

import java.time.Instant;

/**
 * One entry of a directory listing.
 *
 * @param type {@code file}, {@code directory}, {@code symlink} (not followed) or {@code other}
 * @param size in bytes; 0 for anything but a file
 */
public record FileEntry(String name, String path, String type, long size, Instant modifiedAt) {
}
