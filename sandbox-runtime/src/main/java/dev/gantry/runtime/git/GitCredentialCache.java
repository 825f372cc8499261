package dev.gantry.runtime.git;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where git finds the token of the conversation's repository: git's own credential cache, a daemon that holds
 * credentials in memory behind a socket only this sandbox's user can open. The runtime feeds it through
 * {@code git credential approve} on standard input, so the token is never on a command line, in a file or in
 * {@code .git/config} (which names only the helper); the clone and the agent's own {@code git push} read it from
 * there. A runtime started again (a resumed sandbox) has an empty cache until the worker supplies it again.
 */
@ApplicationScoped
public class GitCredentialCache {

    /** A month: the daemon forgets a credential after this long without a new approval. */
    private static final int CACHE_SECONDS = 30 * 24 * 3600;
    private static final long APPROVE_TIMEOUT_SECONDS = 10;

    private final Path socket;

    GitCredentialCache() {
        this(Path.of(System.getProperty("java.io.tmpdir"), "gantry-git-" + ProcessHandle.current().pid(), "socket"));
    }

    GitCredentialCache(Path socket) {
        this.socket = socket;
    }

    /** The {@code credential.helper} value that reads this cache. */
    public String helper() {
        return "cache --timeout=" + CACHE_SECONDS + " --socket=" + socket;
    }

    /** Stores the token for the host of the URL, replacing what was stored for it. */
    public void approve(String url, String username, String token) {
        URI uri = URI.create(url);
        String host = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        String credential = "protocol=" + uri.getScheme() + "\nhost=" + host + "\nusername=" + username
                + "\npassword=" + token + "\n\n";
        try {
            Path directory = socket.getParent();
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            // the daemon this may start outlives the command: its output goes nowhere, so nothing waits on a pipe
            Process approve = new ProcessBuilder(List.of("git", "-c", "credential.helper=", "-c",
                    "credential.helper=" + helper(), "credential", "approve"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (OutputStream in = approve.getOutputStream()) {
                in.write(credential.getBytes(StandardCharsets.UTF_8));
            }
            if (!approve.waitFor(APPROVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                approve.destroyForcibly();
                throw new GitFailure(GitFailure.Reason.FAILED, "git could not store the credential in time");
            }
            if (approve.exitValue() != 0) {
                throw new GitFailure(GitFailure.Reason.FAILED, "git could not store the credential (exit "
                        + approve.exitValue() + ")");
            }
            Log.infof("git credential for %s stored in the sandbox's credential cache", host);
        } catch (IOException e) {
            throw new GitFailure(GitFailure.Reason.FAILED, "git could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitFailure(GitFailure.Reason.FAILED, "interrupted while storing the credential");
        }
    }
}
