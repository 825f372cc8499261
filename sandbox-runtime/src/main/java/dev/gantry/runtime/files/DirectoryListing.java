package dev.gantry.runtime.files;

import java.util.List;

/** The entries of one directory, sorted by name, hidden ones included. */
public record DirectoryListing(String path, List<FileEntry> entries) {
}
