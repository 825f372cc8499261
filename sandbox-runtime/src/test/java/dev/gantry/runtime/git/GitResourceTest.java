package dev.gantry.runtime.git;

import static dev.gantry.runtime.RuntimeApi.authorized;
import static dev.gantry.runtime.RuntimeApi.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import dev.gantry.contracts.GantryHeaders;
import dev.gantry.runtime.config.RuntimeConfig;
import dev.gantry.testing.git.GitHttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cloning the conversation's repository with the real git from a real smart-HTTP server that wants a token. */
@QuarkusTest
class GitResourceTest {

    static final String TOKEN = "ghp_test0token0abcdef123456";
    static GitHttpServer server;
    static Path served;

    @Inject
    RuntimeConfig config;

    @BeforeAll
    static void startServer() throws Exception {
        served = Files.createTempDirectory("gantry-git-served-");
        server = GitHttpServer.start(served, TOKEN);
        server.createRepository("acme/api", Map.of("README.md", "# api\n", "src/app.py", "print('hi')\n"));
        server.createRepository("acme/skilled", Map.of("README.md", "# skilled\n", ".gantry/skills/style.md", "Be brief.\n"));
        Path bare = served.resolve("acme/api.git");
        Path work = Files.createTempDirectory("gantry-git-branch-");
        GitHttpServer.git(work, "clone", "--quiet", bare.toString(), ".");
        GitHttpServer.git(work, "checkout", "--quiet", "-b", "feature");
        Files.writeString(work.resolve("FEATURE.md"), "feature\n");
        GitHttpServer.git(work, "add", "-A");
        GitHttpServer.git(work, "-c", "user.name=Seed", "-c", "user.email=seed@example.com", "commit", "--quiet", "-m", "feature");
        GitHttpServer.git(work, "push", "--quiet", "origin", "feature");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void emptyWorkspace() throws IOException {
        run("cd /");
        try (Stream<Path> entries = Files.list(config.workspace())) {
            for (Path entry : entries.toList()) {
                try (Stream<Path> tree = Files.walk(entry)) {
                    tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Test
    void clonesTheRequestedBranchAsTheIdentityWithTheTokenNowhereOnDiskOrCommandLines() throws Exception {
        clone(Map.of("branch", "feature")).statusCode(200)
                .body("branch", is("feature"))
                .body("commit", is(server.commitOf("acme/api", "feature")));

        Path workspace = config.workspace();
        assertThat(workspace.resolve("FEATURE.md")).exists();
        assertThat(workspace.resolve("src/app.py")).exists();
        String gitConfig = Files.readString(workspace.resolve(".git/config"));
        assertThat(gitConfig).doesNotContain(TOKEN).contains("helper = cache").contains("name = Ada Lovelace");
        assertThat(Files.list(workspace).map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".gantry-clone-"));
        // [g]hp_... matches the token, not this command's own text
        run("cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\\0' '\\n' | grep -c '[g]" + TOKEN.substring(1) + "' || true")
                .body("output", org.hamcrest.Matchers.startsWith("0\n"));
    }

    @Test
    void theAgentsShellPushesWithTheSameCredential() throws Exception {
        clone(Map.of()).statusCode(200).body("branch", is("main"));

        run("cd " + config.workspace() + " && git checkout -q -b fix-readme && echo fixed >> README.md"
                + " && git commit -qam 'Fix the readme' && git push -q origin fix-readme; echo pushed=$?")
                .body("output", containsString("pushed=0"));

        String pushed = server.commitOf("acme/api", "fix-readme");
        assertThat(pushed).isNotNull();
        String author = GitHttpServer.git(served.resolve("acme/api.git"), "log", "-1", "--format=%an <%ae>", "fix-readme");
        assertThat(author.strip()).isEqualTo("Ada Lovelace <ada@example.com>");
    }

    @Test
    void aBranchThatDoesNotExistIsNamed() {
        clone(Map.of("branch", "no-such-branch")).statusCode(422).contentType("application/problem+json")
                .body("errors[0].reason", is("branch-not-found"))
                .body("detail", containsString("'no-such-branch' does not exist"));
    }

    @Test
    void aRefusedTokenIsAnAuthenticationFailureThatNeverEchoesIt() {
        String wrong = "ghp_wrong0token0zyxw98765";
        clone(Map.of("token", wrong)).statusCode(422)
                .body("errors[0].reason", is("authentication"))
                .body(not(containsString(wrong)));
    }

    @Test
    void aRepositoryTheServerDoesNotHaveIsNotFound() {
        clone(Map.of("url", server.baseUrl() + "/acme/nothing.git")).statusCode(422)
                .body("errors[0].reason", is("not-found"));
    }

    @Test
    void askingAgainAnswersTheCloneThatIsThere() {
        String first = clone(Map.of()).statusCode(200).extract().path("commit");
        clone(Map.of()).statusCode(200).body("commit", is(first));
    }

    @Test
    void aRepositoryWithItsOwnGantryDirectoryIsClonedBesideTheRuntimesJournal() throws Exception {
        // the clone as the agent-worker asks for it: under an action id, whose journal is written in .gantry first
        authorized().contentType(ContentType.JSON).header(GantryHeaders.ACTION_ID, UUID.randomUUID().toString())
                .body(Map.of("url", server.baseUrl() + "/acme/skilled.git", "username", "x-access-token", "token", TOKEN,
                        "timeoutSeconds", 60, "authorName", "Ada Lovelace", "authorEmail", "ada@example.com"))
                .post("/api/v1/git/clone").then().statusCode(200);

        Path workspace = config.workspace();
        assertThat(workspace.resolve(".gantry/skills/style.md")).hasContent("Be brief.");
        assertThat(workspace.resolve(".gantry/actions")).isDirectory();
        assertThat(workspace.resolve("README.md")).exists();
    }

    @Test
    void aUrlWithCredentialsInItIsRefused() {
        clone(Map.of("url", "http://user:" + TOKEN + "@127.0.0.1:1/acme/api.git")).statusCode(400)
                .body("errors[0].field", is("url"))
                .body(not(containsString(TOKEN)));
    }

    private ValidatableResponse clone(Map<String, Object> overrides) {
        Map<String, Object> body = new HashMap<>(Map.of("url", server.baseUrl() + "/acme/api.git",
                "username", "x-access-token", "token", TOKEN, "timeoutSeconds", 60,
                "authorName", "Ada Lovelace", "authorEmail", "ada@example.com"));
        body.putAll(overrides);
        return authorized().contentType(ContentType.JSON).body(body).post("/api/v1/git/clone").then();
    }
}
