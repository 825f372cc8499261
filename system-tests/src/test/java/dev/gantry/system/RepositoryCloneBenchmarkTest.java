package dev.gantry.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.contracts.GantryHeaders;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.RepositoryClonedEvent;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.platform.auth.ServiceNames;
import dev.gantry.system.platform.EventStreamRecorder;
import dev.gantry.system.platform.GitHubStandIn;
import dev.gantry.system.platform.Platform;
import dev.gantry.testing.git.GitHttpServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What cloning a repository of about 50 MB costs through a sandbox's runtime, next to a plain {@code git clone} of it
 * from the same git server on the same machine in the same run, and what a new conversation waits for its clone.
 * Figures, not checks: {@code mvn -B -pl system-tests verify -Pbenchmark -Dtest=RepositoryCloneBenchmarkTest}.
 */
@Tag("benchmark")
class RepositoryCloneBenchmarkTest {

    private static final int SAMPLES = 5;
    private static final int CONVERSATIONS = 3;
    private static final int BINARY_FILES = 44;
    private static final int SOURCE_FILES = 1500;
    private static final String PLAIN_HELPER = "!f() { echo username=x-access-token; echo \"password=$GANTRY_BENCH_TOKEN\"; }; f";

    @Test
    void printsTheCloneThroughTheRuntimeNextToAPlainGitCloneOfTheSameRepository() throws Exception {
        Platform platform = Platform.get();
        GitHttpServer git = platform.git();
        String repository = "acme/large-" + UUID.randomUUID().toString().substring(0, 8);
        Path bare = largeRepository(git, repository);
        String url = git.baseUrl() + "/" + repository + ".git";

        try (GitHubStandIn github = GitHubStandIn.start(platform.gitToken()).user("octocat", "Mona Octocat",
                "mona@example.com")) {
            TestUser user = TestUser.create("clone-bench");
            user.connectGitHub(github.apiUrl(), platform.gitToken());

            List<Double> conversationWaits = new ArrayList<>();
            JsonPath last = null;
            for (int i = 0; i < CONVERSATIONS; i++) {
                user.llm().toolCall("finish", "{\"message\": \"done\"}");
                long start = System.nanoTime();
                last = user.api.request().body(Map.of("repository", repository, "branch", "main",
                        "initialMessage", "look at the repository")).post("/api/v1/conversations")
                        .then().statusCode(201).extract().jsonPath();
                String id = last.getString("id");
                try (EventStreamRecorder live = new EventStreamRecorder(platform.gateway(), id, user.api.token())) {
                    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                            .until(() -> indexOfClone(live.events()) >= 0);
                    conversationWaits.add((live.arrivals().get(indexOfClone(live.events())) - start) / 1e6);
                }
                user.awaitStatus(id, "finished");
            }

            SandboxRuntime runtime = SandboxRuntime.of(last.getString("sandboxId"));
            // the instance's own workspace, mounted at the same path in its sandbox (a pooled one was named before)
            String workspace = Path.of(TestUser.agentWorkspace(last)).toRealPath().toString();
            Path plainClones = Files.createDirectories(platform.home().resolve("bench-clones"));
            List<Double> direct = new ArrayList<>();
            List<Double> throughRuntime = new ArrayList<>();
            long cloneBytes = 0;
            // one warm-up of each, then alternating, so neither meets a colder page cache or server than the other
            for (int i = -1; i < SAMPLES; i++) {
                runtime.empty(workspace);
                double runtimeMillis = runtime.cloneMillis(url, platform.gitToken());
                Path plain = plainClones.resolve("clone-" + UUID.randomUUID());
                double directMillis = plainCloneMillis(url, plain, platform.gitToken());
                cloneBytes = sizeOf(plain);
                deleteTree(plain);
                if (i >= 0) {
                    throughRuntime.add(runtimeMillis);
                    direct.add(directMillis);
                }
            }

            System.out.printf("%nGantry clone benchmark: %s, pack %.1f MB, a clone %.1f MB on disk, %s commits%n",
                    repository, sizeOf(bare.resolve("objects")) / 1e6, cloneBytes / 1e6,
                    GitHttpServer.git(bare, "rev-list", "--count", "main").strip());
            System.out.printf("%-62s %9s %9s %9s%n", "", "min ms", "p50 ms", "max ms");
            row("plain `git clone` on the host, same server", direct);
            row("runtime POST /api/v1/git/clone in a bubblewrap sandbox", throughRuntime);
            System.out.printf("%-62s %9.2f   (target at most 1.20)%n", "ratio of the p50s, runtime / plain",
                    percentile(throughRuntime, 50) / percentile(direct, 50));
            row("new conversation: POST -> RepositoryClonedEvent on the SSE", conversationWaits);
            assertThat(direct).hasSize(SAMPLES);
        }
    }

    /**
     * About 50 MB on the server: incompressible assets (as a repository's images and fixtures are) and source-like
     * text, over a few commits, packed as a served repository is.
     */
    private static Path largeRepository(GitHttpServer git, String repository) throws IOException, InterruptedException {
        Path bare = git.createRepository(repository, Map.of("README.md", "# large\n"));
        Path work = Files.createTempDirectory("gantry-bench-seed-");
        GitHttpServer.git(work, "clone", "--quiet", bare.toString(), ".");
        Random random = new Random(42);
        for (int commit = 0; commit < 4; commit++) {
            Path assets = Files.createDirectories(work.resolve("assets/set-" + commit));
            for (int i = 0; i < BINARY_FILES / 4; i++) {
                byte[] bytes = new byte[1 << 20];
                random.nextBytes(bytes);
                Files.write(assets.resolve("blob-" + i + ".bin"), bytes);
            }
            Path sources = Files.createDirectories(work.resolve("src/module" + commit));
            for (int i = 0; i < SOURCE_FILES / 4; i++) {
                StringBuilder text = new StringBuilder("package module" + commit + ";\n\n");
                for (int line = 0; line < 80; line++) {
                    text.append("    static int value").append(line).append(" = ").append(random.nextInt())
                            .append("; // ").append(Long.toHexString(random.nextLong())).append('\n');
                }
                Files.writeString(sources.resolve("Source" + i + ".java"), text);
            }
            GitHttpServer.git(work, "add", "-A");
            GitHttpServer.git(work, "-c", "user.name=Seed", "-c", "user.email=seed@example.com", "commit", "--quiet",
                    "-m", "part " + commit);
        }
        GitHttpServer.git(work, "push", "--quiet", "origin", "main");
        GitHttpServer.git(bare, "repack", "-a", "-d", "--quiet");
        deleteTree(work);
        return bare;
    }

    /** {@code git clone} as a person runs it, the token from a credential helper reading the environment. */
    private static double plainCloneMillis(String url, Path target, String token) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("git", "-c", "credential.helper=", "-c", "credential.helper=" + PLAIN_HELPER,
                "clone", "--quiet", "--branch", "main", "--", url, target.toString()).redirectErrorStream(true);
        builder.environment().put("GANTRY_BENCH_TOKEN", token);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        long start = System.nanoTime();
        Process process = builder.start();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes());
        }
        boolean ended = process.waitFor(10, TimeUnit.MINUTES);
        double millis = (System.nanoTime() - start) / 1e6;
        assertThat(ended && process.exitValue() == 0).as(output).isTrue();
        return millis;
    }

    /** A conversation's sandbox runtime, called as the agent-worker calls it. */
    private record SandboxRuntime(String url, String sessionKey) {

        static SandboxRuntime of(String sandboxId) {
            JsonPath connection = given().baseUri(Platform.get().service("sandbox-manager").url().toString())
                    .header(InternalHeaders.SERVICE_TOKEN, Platform.get().credentials().serviceToken(ServiceNames.AGENT_WORKER))
                    .get("/sandboxes/" + sandboxId + "/connection").then().statusCode(200).extract().jsonPath();
            return new SandboxRuntime(connection.getString("runtimeUrl"), connection.getString("sessionApiKey"));
        }

        void empty(String workspace) {
            String output = given().baseUri(url).header(GantryHeaders.SESSION_API_KEY, sessionKey)
                    .contentType(ContentType.JSON).body(Map.of("command", "find " + workspace
                            + " -mindepth 1 -delete && ls -A " + workspace + " | wc -l", "timeoutSeconds", 120))
                    .post("/api/v1/terminal").then().statusCode(200).extract().path("output");
            assertThat(output.lines().map(String::strip)).as(output).contains("0");
        }

        double cloneMillis(String repositoryUrl, String token) {
            long start = System.nanoTime();
            JsonPath cloned = given().baseUri(url).header(GantryHeaders.SESSION_API_KEY, sessionKey)
                    .contentType(ContentType.JSON).body(Map.of("url", repositoryUrl, "username", "x-access-token",
                            "token", token, "branch", "main", "depth", 0, "timeoutSeconds", 600,
                            "authorName", "Mona Octocat", "authorEmail", "mona@example.com"))
                    .post("/api/v1/git/clone").then().statusCode(200).extract().jsonPath();
            double millis = (System.nanoTime() - start) / 1e6;
            assertThat(cloned.getString("branch")).isEqualTo("main");
            return millis;
        }
    }

    private static int indexOfClone(List<ConversationEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).payload() instanceof RepositoryClonedEvent) {
                return i;
            }
        }
        return -1;
    }

    private static long sizeOf(Path directory) throws IOException {
        try (Stream<Path> tree = Files.walk(directory)) {
            return tree.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> tree = Files.walk(directory)) {
            tree.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static void row(String name, List<Double> samples) {
        System.out.printf("%-62s %9.0f %9.0f %9.0f%n", name, Collections.min(samples), percentile(samples, 50),
                Collections.max(samples));
    }

    private static double percentile(List<Double> samples, int percent) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
