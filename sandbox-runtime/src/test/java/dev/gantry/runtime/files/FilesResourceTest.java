package dev.gantry.runtime.files;

import static dev.gantry.runtime.RuntimeApi.authorized;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gantry.contracts.problem.Problem;
import dev.gantry.runtime.security.PathConfinement;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FilesResourceTest {

    /** Above the test profile's 64K upload limit. */
    private static final int OVERSIZED_UPLOAD = 65 * 1024;

    @Inject
    PathConfinement paths;

    @Test
    void uploadThenDownloadRoundTripsTheBytes() throws IOException {
        byte[] content = new byte[40_000];
        new Random(7).nextBytes(content);
        Path target = paths.workspace().resolve("files/round-trip/data.bin");
        Files.deleteIfExists(target);

        authorized().contentType(ContentType.BINARY).body(content)
                .queryParam("path", target.toString())
                .put("/api/v1/files")
                .then().statusCode(201)
                .body("type", is("file"))
                .body("size", is(content.length));
        byte[] downloaded = authorized().queryParam("path", target.toString()).get("/api/v1/files")
                .then().statusCode(200)
                .header("Content-Disposition", containsString("data.bin"))
                .extract().asByteArray();
        assertArrayEquals(content, downloaded);
    }

    @Test
    void uploadReplacesAnExistingFileAndTakesRelativePathsFromTheWorkspace() throws IOException {
        Path target = paths.workspace().resolve("files/relative.txt");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "old");
        authorized().contentType(ContentType.TEXT).body("new")
                .queryParam("path", "files/relative.txt")
                .put("/api/v1/files")
                .then().statusCode(200);
        assertEquals("new", Files.readString(target));
    }

    @Test
    void refusesAnUploadAboveTheLimitAndLeavesNothingBehind() throws IOException {
        Path dir = Files.createDirectories(paths.workspace().resolve("files/too-big"));
        Path target = dir.resolve("blob.bin");
        authorized().contentType(ContentType.BINARY).body(new byte[OVERSIZED_UPLOAD])
                .queryParam("path", target.toString())
                .put("/api/v1/files")
                .then().statusCode(413)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", is("body"));
        // without a Content-Length the limit is found while copying
        authorized().contentType(ContentType.BINARY).body(new ByteArrayInputStream(new byte[OVERSIZED_UPLOAD]))
                .queryParam("path", target.toString())
                .put("/api/v1/files")
                .then().statusCode(413)
                .contentType(Problem.MEDIA_TYPE);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "neither the file nor a partial upload is left");
        }
    }

    @Test
    void listsADirectory() throws IOException {
        Path dir = Files.createDirectories(paths.workspace().resolve("files/listing"));
        Files.writeString(dir.resolve("a.txt"), "abc");
        Files.createDirectories(dir.resolve("sub"));
        authorized().queryParam("path", dir.toString()).get("/api/v1/files/list")
                .then().statusCode(200)
                .body("path", is(dir.toString()))
                .body("entries.name", hasItems("a.txt", "sub"))
                .body("entries.find { it.name == 'a.txt' }.size", is(3))
                .body("entries.find { it.name == 'sub' }.type", is("directory"));
    }

    @Test
    void refusesPathsOutsideTheAllowedRoots() throws IOException {
        authorized().queryParam("path", paths.workspace() + "/../../../../../../../../etc/passwd")
                .get("/api/v1/files")
                .then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", is("path"));
        Path link = paths.workspace().resolve("files/etc-link");
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("/etc"));
        authorized().queryParam("path", link.toString()).get("/api/v1/files/list")
                .then().statusCode(403);
        authorized().contentType(ContentType.TEXT).body("x")
                .queryParam("path", link + "/gantry-upload-escape")
                .put("/api/v1/files")
                .then().statusCode(403);
    }

    @Test
    void aMissingPathIsA400AndAnAbsentFileA404() {
        authorized().get("/api/v1/files")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", is("path"));
        authorized().queryParam("path", "files/absent.txt").get("/api/v1/files")
                .then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
    }
}
