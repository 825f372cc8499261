package dev.gantry.runtime.security;

import static dev.gantry.runtime.RuntimeApi.authorized;
import static dev.gantry.runtime.RuntimeApi.editor;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gantry.contracts.problem.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The file API and the editor reach the workspace only: not the host's {@code /tmp} (where checkouts and
 * the platform's files may lie), not the session key the launcher keeps beside the workspace, not the
 * process's own view of the machine through {@code /proc/self}, and not through links planted in the workspace.
 */
@QuarkusTest
class PathConfinementTest {

    @Inject
    PathConfinement paths;

    private Path hostTmpFile;
    private Path sessionKey;

    @BeforeEach
    void plantPlatformFiles() throws IOException {
        hostTmpFile = Files.writeString(Files.createTempDirectory(Path.of("/tmp"), "gantry-platform-")
                .resolve("platform-secrets.env"), "GANTRY_INTERNAL_TOKEN=secret\n");
        sessionKey = Files.writeString(paths.workspace().resolveSibling("session.key"), "the-session-key");
    }

    @AfterEach
    void removePlatformFiles() throws IOException {
        Files.deleteIfExists(hostTmpFile);
        Files.deleteIfExists(hostTmpFile.getParent());
        Files.deleteIfExists(sessionKey);
    }

    @Test
    void theHostsTmpIsNotAnAllowedRoot() {
        assertRefused(hostTmpFile.toString());
        authorized().queryParam("path", hostTmpFile.getParent().toString()).get("/api/v1/files/list")
                .then().statusCode(403);
        authorized().contentType(ContentType.TEXT).body("x")
                .queryParam("path", hostTmpFile.resolveSibling("planted.txt").toString())
                .put("/api/v1/files").then().statusCode(403);
        assertFalse(Files.exists(hostTmpFile.resolveSibling("planted.txt")));
    }

    @Test
    void theSessionKeyBesideTheWorkspaceIsOutOfReach() {
        assertRefused(sessionKey.toString());
        assertRefused(paths.workspace() + "/../session.key");
        assertRefused("../session.key");
        editor(Map.of("command", "create", "path", sessionKey.toString(), "fileText", "replaced"))
                .statusCode(403);
    }

    @Test
    void procSelfLeadsNowhereOutsideTheWorkspace() {
        assertRefused("/proc/self/root" + hostTmpFile);
        assertRefused("/proc/self/root" + sessionKey);
        assertRefused("/proc/self/cwd/pom.xml");
        assertRefused("/proc/self/environ");
        assertRefused("/proc/1/environ");
        assertRefused("/proc/self/root/etc/passwd");
    }

    @Test
    void aLinkPlantedInTheWorkspaceDoesNotLeadOut() throws IOException {
        Path toTmp = linkInWorkspace("to-host-tmp", hostTmpFile.getParent());
        Path toKey = linkInWorkspace("to-session-key", sessionKey);
        Path toRoot = linkInWorkspace("to-proc-root", Path.of("/proc/self/root"));
        assertRefused(toTmp + "/platform-secrets.env");
        assertRefused(toKey.toString());
        assertRefused(toRoot + hostTmpFile.toString());
        editor(Map.of("command", "view", "path", toKey.toString())).statusCode(403);
        editor(Map.of("command", "create", "path", toTmp + "/planted.txt", "fileText", "x")).statusCode(403);
        assertFalse(Files.exists(hostTmpFile.resolveSibling("planted.txt")));
    }

    @Test
    void theWorkspaceItselfStaysReachable() throws IOException {
        Path file = Files.writeString(paths.workspace().resolve("confinement-" + UUID.randomUUID() + ".txt"), "ok");
        authorized().queryParam("path", file.toString()).get("/api/v1/files").then().statusCode(200).body(is("ok"));
        Files.delete(file);
    }

    private Path linkInWorkspace(String name, Path target) throws IOException {
        Path link = paths.workspace().resolve("confinement-links").resolve(name);
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        return Files.createSymbolicLink(link, target);
    }

    private static void assertRefused(String path) {
        authorized().queryParam("path", path).get("/api/v1/files")
                .then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", is("path"));
        if (path.startsWith("/")) {
            editor(Map.of("command", "view", "path", path)).statusCode(403);
        }
    }
}
