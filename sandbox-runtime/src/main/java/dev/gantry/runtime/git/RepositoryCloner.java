package dev.gantry.runtime.git;

import dev.gantry.runtime.config.RuntimeConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Clones the conversation's repository into the workspace with the real {@code git}: into a fresh directory in
 * the workspace, whose entries then move up, so a clone cut short by a crash leaves nothing a second try trips on.
 * The token reaches git only through the {@link GitCredentialCache}; the URL has no credentials, {@code .git/config}
 * names only the helper, and git never prompts. A workspace that already holds a clone of the same URL is answered
 * as it is (a worker that took over asks again).
 */
@ApplicationScoped
public class RepositoryCloner {

    private static final String STAGING_PREFIX = ".gantry-clone-";
    private static final int DEFAULT_TIMEOUT_SECONDS = 600;
    private static final int MAX_ERROR_CHARS = 600;

    private final Path workspace;
    private final GitCredentialCache credentials;

    RepositoryCloner(RuntimeConfig config, GitCredentialCache credentials) {
        this.workspace = config.workspace();
        this.credentials = credentials;
    }

    /** Stores the credential for the repository's host, for the clone and the agent's pushes. */
    public void supply(String url, String username, String token) {
        credentials.approve(url, username, token);
    }

    public synchronized CloneResult cloneRepository(CloneRequest request) {
        if (request.token() != null) {
            credentials.approve(request.url(), request.username(), request.token());
        }
        if (Files.isDirectory(workspace.resolve(".git"))) {
            return existing(request);
        }
        removeStaging();
        Path staging = workspace.resolve(STAGING_PREFIX + UUID.randomUUID());
        List<String> command = new ArrayList<>(List.of("git", "-c", "credential.helper=", "-c",
                "credential.helper=" + credentials.helper(), "clone", "--quiet"));
        if (request.depth() != null && request.depth() > 0) {
            command.addAll(List.of("--depth", String.valueOf(request.depth()), "--no-single-branch"));
        }
        if (request.branch() != null) {
            command.addAll(List.of("--branch", request.branch()));
        }
        command.addAll(List.of("--", request.url(), staging.toString()));
        int timeout = request.timeoutSeconds() == null ? DEFAULT_TIMEOUT_SECONDS : request.timeoutSeconds();
        run(command, workspace, timeout, request);
        moveUp(staging);
        git(List.of("config", "credential.helper", credentials.helper()), request);
        if (request.authorName() != null) {
            git(List.of("config", "user.name", request.authorName()), request);
        }
        if (request.authorEmail() != null) {
            git(List.of("config", "user.email", request.authorEmail()), request);
        }
        CloneResult result = state();
        Log.infof("cloned %s: branch %s at %s", request.url(), result.branch(), result.commit());
        return result;
    }

    private CloneResult existing(CloneRequest request) {
        String origin = git(List.of("config", "--get", "remote.origin.url"), request).strip();
        if (!origin.equals(request.url())) {
            throw new GitFailure(GitFailure.Reason.WORKSPACE, "the workspace already holds a clone of another repository");
        }
        git(List.of("config", "credential.helper", credentials.helper()), request);
        return state();
    }

    private CloneResult state() {
        String commit = git(List.of("rev-parse", "HEAD"), null).strip();
        String branch = git(List.of("rev-parse", "--abbrev-ref", "HEAD"), null).strip();
        return new CloneResult(branch, commit, workspace.toString());
    }

    private String git(List<String> arguments, CloneRequest request) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(arguments);
        return run(command, workspace, 30, request);
    }

    /** Runs git with no prompt and no terminal, answering its standard output; a failure is classified from its errors. */
    private String run(List<String> command, Path directory, int timeoutSeconds, CloneRequest request) {
        Path errors = null;
        Path output = null;
        try {
            errors = Files.createTempFile("gantry-git-", ".err");
            output = Files.createTempFile("gantry-git-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(output.toFile())
                    .redirectError(errors.toFile());
            builder.environment().put("GIT_TERMINAL_PROMPT", "0");
            builder.environment().put("GIT_ASKPASS", "/bin/false");
            builder.environment().put("SSH_ASKPASS", "/bin/false");
            builder.environment().put("LC_ALL", "C");
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new GitFailure(GitFailure.Reason.TIMEOUT, "git did not finish within " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw classify(Files.readString(errors, StandardCharsets.UTF_8), request);
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GitFailure(GitFailure.Reason.FAILED, "git could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitFailure(GitFailure.Reason.FAILED, "interrupted");
        } finally {
            deleteQuietly(errors);
            deleteQuietly(output);
        }
    }

    static GitFailure classify(String stderr, CloneRequest request) {
        String said = stderr == null ? "" : stderr;
        if (request != null && request.token() != null && request.token().length() >= 4) {
            said = said.replace(request.token(), "<token>");
        }
        said = said.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
        if (said.length() > MAX_ERROR_CHARS) {
            said = said.substring(0, MAX_ERROR_CHARS) + "…";
        }
        String lower = said.toLowerCase(Locale.ROOT);
        if (request != null && request.branch() != null && lower.contains("remote branch") && lower.contains("not found")) {
            return new GitFailure(GitFailure.Reason.BRANCH_NOT_FOUND, "the branch '" + request.branch()
                    + "' does not exist in the repository");
        }
        if (lower.contains("authentication failed") || lower.contains("could not read username")
                || lower.contains("could not read password") || lower.contains("terminal prompts disabled")
                || lower.contains("returned error: 401") || lower.contains("returned error: 403")) {
            return new GitFailure(GitFailure.Reason.AUTHENTICATION, "the git server refused the connection's token: " + said);
        }
        if (lower.contains("not found") || lower.contains("returned error: 404") || lower.contains("does not appear to be a git repository")) {
            return new GitFailure(GitFailure.Reason.NOT_FOUND, "the repository does not exist, or the token may not see it: " + said);
        }
        if (lower.contains("could not resolve host") || lower.contains("failed to connect") || lower.contains("connection refused")
                || lower.contains("connection timed out") || lower.contains("network is unreachable")) {
            return new GitFailure(GitFailure.Reason.NETWORK, "the git server could not be reached: " + said);
        }
        return new GitFailure(GitFailure.Reason.FAILED, "git failed: " + said);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left in the sandbox's own tmp
            }
        }
    }

    /**
     * The entries of the staging clone move into the workspace itself, where the agent works; {@code .git} last,
     * so a workspace with a {@code .git} holds the whole checkout.
     */
    private void moveUp(Path staging) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(staging)) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().equals(".git")) {
                    merge(entry, workspace.resolve(entry.getFileName().toString()));
                }
            }
            Files.move(staging.resolve(".git"), workspace.resolve(".git"));
            Files.delete(staging);
        } catch (FileAlreadyExistsException e) {
            removeStaging();
            throw new GitFailure(GitFailure.Reason.WORKSPACE, "the workspace already has " + Path.of(e.getFile()).getFileName()
                    + ", which the repository also has");
        } catch (IOException e) {
            throw new GitFailure(GitFailure.Reason.WORKSPACE, "the clone could not be moved into the workspace: " + e.getMessage());
        }
    }

    /**
     * Moves {@code from} to {@code to}; a directory both have (the platform's own {@code .gantry}, where the runtime
     * keeps its action journal and the editor's history, in a repository that has skills there too) is merged entry
     * by entry. A file both have is the repository's and the workspace's at once: refused.
     */
    private static void merge(Path from, Path to) throws IOException {
        if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(from)) {
                for (Path child : children) {
                    merge(child, to.resolve(child.getFileName().toString()));
                }
            }
            Files.delete(from);
            return;
        }
        Files.move(from, to);
    }

    /** What an interrupted clone left behind. */
    private void removeStaging() {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(workspace, STAGING_PREFIX + "*")) {
            for (Path leftover : leftovers) {
                try (Stream<Path> tree = Files.walk(leftover)) {
                    tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new GitFailure(GitFailure.Reason.WORKSPACE, "a clone cut short could not be removed: " + e.getMessage());
        }
    }
}
