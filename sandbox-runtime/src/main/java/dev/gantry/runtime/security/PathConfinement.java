package dev.gantry.runtime.security;

import dev.gantry.runtime.config.RuntimeConfig;
import dev.gantry.runtime.rest.ApiProblem;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps the editor and the file API inside the allowed roots: the workspace and, when the launcher names
 * one, the sandbox's private tmp; nothing the platform owns (the session key, other sandboxes) lies under
 * them. A path is judged by where it really leads: {@code ..} and symbolic links are resolved by the
 * file system before the check, and callers then work on the resolved path, never on the one they were given.
 */
@Startup
@Singleton
public class PathConfinement {

    private final Path workspace;
    private final Path namedWorkspace;
    private final Optional<Path> workspaceLinks;
    private final List<Path> roots;

    PathConfinement(RuntimeConfig config) {
        this.namedWorkspace = config.workspace().toAbsolutePath();
        this.workspaceLinks = config.workspaceLinks().map(Path::toAbsolutePath);
        try {
            this.workspace = Files.createDirectories(namedWorkspace).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the workspace " + config.workspace(), e);
        }
        this.roots = Stream.concat(Stream.of(workspace), config.extraAllowedRoots().orElse(List.of()).stream()
                        .filter(Files::isDirectory)
                        .map(PathConfinement::realPath)
                        .map(this::besideTheWorkspace))
                .distinct()
                .toList();
        Log.infof("workspace %s; file tools confined to %s", workspace, roots);
    }

    /** The workspace, as a real path. */
    public Path workspace() {
        return workspace;
    }

    /**
     * The workspace by its name: as it was configured, which may be a link leading to {@link #workspace()}; for a
     * workspace configured by its real path, the link in the workspace links directory that leads to it, once there
     * is one (a warm-pool sandbox is named when it is claimed).
     */
    public Path namedWorkspace() {
        if (!namedWorkspace.equals(workspace) || workspaceLinks.isEmpty() || !Files.isDirectory(workspaceLinks.get())) {
            return namedWorkspace;
        }
        try (Stream<Path> links = Files.list(workspaceLinks.get())) {
            return links.filter(Files::isSymbolicLink).filter(this::leadsToWorkspace).sorted().findFirst()
                    .orElse(namedWorkspace);
        } catch (IOException e) {
            return namedWorkspace;
        }
    }

    private boolean leadsToWorkspace(Path link) {
        try {
            return link.toRealPath().equals(workspace);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Resolves {@code raw} (a request's {@code field}) to the real path it leads to, which may not exist yet.
     *
     * @param requireAbsolute refuse relative paths instead of resolving them against the workspace
     * @throws ApiProblem 400 for an unusable path, 403 for one that leads outside the allowed roots
     */
    public Path resolve(String field, String raw, boolean requireAbsolute) {
        if (raw == null || raw.isBlank()) {
            throw ApiProblem.invalidField(field, "is required");
        }
        Path requested;
        try {
            requested = Path.of(raw);
        } catch (InvalidPathException e) {
            throw ApiProblem.invalidField(field, "is not a valid path: " + e.getReason());
        }
        if (!requested.isAbsolute()) {
            if (requireAbsolute) {
                throw ApiProblem.invalidField(field,
                        "must be an absolute path starting with /, not " + raw);
            }
            requested = workspace.resolve(requested);
        }
        Path resolved = resolveExistingPrefix(field, raw, requested);
        if (roots.stream().noneMatch(resolved::startsWith)) {
            throw ApiProblem.pathOutsideRoots(field, raw,
                    "resolves to " + resolved + ", outside the allowed roots " + roots);
        }
        return resolved;
    }

    /**
     * The real path of the longest prefix that exists (the file system resolves its {@code ..} and links),
     * followed by the names that do not exist yet.
     */
    private static Path resolveExistingPrefix(String field, String raw, Path requested) {
        Path existing = requested;
        List<Path> missing = new ArrayList<>();
        while (existing.getParent() != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.addFirst(existing.getFileName());
            existing = existing.getParent();
        }
        Path resolved;
        try {
            resolved = existing.toRealPath();
        } catch (IOException e) {
            // a link whose target is missing: where a write would land cannot be checked
            throw ApiProblem.pathOutsideRoots(field, raw, "passes through a broken symbolic link");
        }
        for (Path name : missing) {
            String part = name.toString();
            if (part.equals("..")) {
                throw ApiProblem.invalidField(field, "steps up (..) out of a directory that does not exist");
            }
            if (!part.equals(".")) {
                resolved = resolved.resolve(part);
            }
        }
        return resolved;
    }

    /** An extra root that contains the workspace would reach what the platform keeps beside it. */
    private Path besideTheWorkspace(Path root) {
        if (workspace.startsWith(root) && !workspace.equals(root)) {
            throw new IllegalStateException("the allowed root " + root + " contains the workspace " + workspace
                    + ": only directories beside it (a private tmp) may be allowed");
        }
        return root;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the allowed root " + path, e);
        }
    }
}
