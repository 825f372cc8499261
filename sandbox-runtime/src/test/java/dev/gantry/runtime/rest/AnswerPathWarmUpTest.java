package dev.gantry.runtime.rest;

import static dev.gantry.runtime.RuntimeApi.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import dev.gantry.contracts.GantryHeaders;
import dev.gantry.runtime.config.RuntimeConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AnswerPathWarmUpTest {

    @Inject
    AnswerPathWarmUp warmUp;

    @Inject
    RuntimeConfig config;

    @Test
    void primingLeavesNoJournalAndNoTemporaryDirectoryAndRunsNothing() throws IOException {
        List<Path> before = warmUpDirectories();
        Path journal = config.workspace().resolve(".gantry").resolve("actions");
        List<Path> journalBefore = listed(journal);

        warmUp.prime();

        assertThat(warmUpDirectories()).as("its throwaway journal is removed").isEqualTo(before);
        assertThat(listed(journal)).as("the workspace's journal is not touched").isEqualTo(journalBefore);
    }

    @Test
    void anActionAfterThePrimingIsRunAndJournaledAsAlways() {
        warmUp.prime();
        String run = UUID.randomUUID().toString();
        // the warm-up's own action id, taken by a real call, is an action of this workspace's journal like any
        for (String actionId : List.of("warm-up", "after-warm-up")) {
            String command = "{\"command\":\"echo ran " + actionId + " " + run + "\"}";
            authorized().contentType(ContentType.JSON).header(GantryHeaders.ACTION_ID, actionId).body(command)
                    .post("/api/v1/terminal")
                    .then().statusCode(200).header(ActionRequests.REPLAYED, (String) null)
                    .body("output", startsWith("ran " + actionId));
            authorized().contentType(ContentType.JSON).header(GantryHeaders.ACTION_ID, actionId).body(command)
                    .post("/api/v1/terminal")
                    .then().statusCode(200).header(ActionRequests.REPLAYED, is("true"))
                    .body("output", startsWith("ran " + actionId));
        }
    }

    private static List<Path> warmUpDirectories() throws IOException {
        return listed(Path.of(System.getProperty("java.io.tmpdir"))).stream()
                .filter(path -> path.getFileName().toString().startsWith("gantry-warm-up-")).toList();
    }

    private static List<Path> listed(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.list(directory)) {
            return paths.sorted().toList();
        }
    }
}
