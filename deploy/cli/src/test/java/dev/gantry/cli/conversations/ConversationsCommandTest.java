package dev.gantry.cli.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.cli.ApiStandIn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code gantry conversations} against a stand-in of the public API over real HTTP. */
class ConversationsCommandTest {

    private static final UUID ID = UUID.fromString("3f2b1c9e-5d4a-4c1b-9a7e-2f6d8c0b1a23");
    private static final String CONVERSATION = "{\"id\":\"" + ID + "\",\"title\":\"fix the build\",\"status\":\"finished\","
            + "\"repository\":\"acme/api\",\"branch\":\"main\",\"lastSeq\":17,"
            + "\"createdAt\":\"2026-12-06T04:00:00Z\",\"updatedAt\":\"2026-12-06T04:05:30Z\","
            + "\"settings\":{\"model\":\"gpt-4o\"},"
            + "\"metrics\":{\"promptTokens\":1000,\"completionTokens\":234,\"cost\":\"0.0123\",\"llmCalls\":5,"
            + "\"llmLatencyMillis\":900},"
            + "\"pullRequests\":[{\"url\":\"https://github.com/acme/api/pull/7\",\"number\":7,\"sourceBranch\":\"fix\","
            + "\"targetBranch\":\"main\",\"draft\":false}]}";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private ApiStandIn api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void listsATablePageBySearchAndSaysHowToGetTheNextPage() throws IOException {
        api = new ApiStandIn().answer("GET /api/v1/conversations", 200,
                "{\"items\":[" + CONVERSATION + "],\"nextPageId\":\"p2\"}");

        int exit = run("", "conversations", "--search", "fix build", "--limit", "1");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(api.requests).containsExactly("GET /api/v1/conversations?limit=1&titleContains=fix+build");
        assertThat(out.toString()).isEqualTo(String.format("%-36s  %-24s  %-48s  %s%n", "ID", "STATUS", "TITLE", "UPDATED")
                + String.format("%-36s  %-24s  %-48s  %s%n", ID, "finished", "fix the build", "2026-12-06 04:05")
                + "more: gantry conversations --page p2 --search 'fix build' --limit 1\n");
    }

    @Test
    void walksEveryPageWithAll() throws IOException {
        api = new ApiStandIn().answer("GET /api/v1/conversations", 200, "{\"items\":[" + CONVERSATION + "]}");

        assertThat(run("", "conversations", "list", "--all", "--status", "FINISHED")).isZero();

        assertThat(api.requests).containsExactly("GET /api/v1/conversations?limit=20&status=finished");
        assertThat(out.toString()).contains("fix the build").doesNotContain("more:");
    }

    @Test
    void showsTheDetailsPullRequestsAndCost() throws IOException {
        api = new ApiStandIn().answer("GET /api/v1/conversations/" + ID, 200, CONVERSATION);

        assertThat(run("", "conversations", "show", ID.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).contains("id:            " + ID, "status:        finished",
                "repository:    acme/api (branch main)", "model:         gpt-4o", "updated:       2026-12-06 04:05",
                "tokens:        1234 tokens (1000 prompt, 234 completion) in 5 LLM calls", "cost:          $0.0123",
                "pull requests:\n  #7 https://github.com/acme/api/pull/7 (fix -> main)");
    }

    @Test
    void deletesOnlyWhenTheUserSaysYes() throws IOException {
        api = new ApiStandIn().answer("GET /api/v1/conversations/" + ID, 200, CONVERSATION)
                .answer("DELETE /api/v1/conversations/" + ID, 204, "");

        assertThat(run("n\n", "conversations", "delete", ID.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("delete conversation " + ID + " (fix the build, finished)? ");
        assertThat(err.toString()).contains("not deleted (answer y, or pass --yes)");
        assertThat(api.requests).doesNotContain("DELETE /api/v1/conversations/" + ID);

        assertThat(run("y\n", "conversations", "delete", ID.toString())).isZero();
        assertThat(api.requests).containsOnlyOnce("DELETE /api/v1/conversations/" + ID);
        assertThat(out.toString()).contains("deleted " + ID);
    }

    @Test
    void deletesWithoutAskingWithYes() throws IOException {
        api = new ApiStandIn().answer("GET /api/v1/conversations/" + ID, 200, CONVERSATION)
                .answer("DELETE /api/v1/conversations/" + ID, 204, "");

        assertThat(run("", "conversations", "delete", "--yes", ID.toString())).isZero();
        assertThat(api.requests).contains("DELETE /api/v1/conversations/" + ID);
        assertThat(out.toString()).doesNotContain("[y/N]");
    }

    @Test
    void badInputIsRefusedWithWhatToTypeAndAnUnknownIdIsNamed() throws IOException {
        api = new ApiStandIn();

        assertThat(run("", "conversations", "--limit", "500")).isEqualTo(2);
        assertThat(err.toString()).contains("--limit must be from 1 to 100, not 500");
        assertThat(run("", "conversations", "--status", "runn")).isEqualTo(2);
        assertThat(err.toString()).contains("--status must be one of idle, queued, running");
        assertThat(run("", "conversations", "show", "42")).isEqualTo(2);
        assertThat(err.toString()).contains("'42' is not a conversation id");
        assertThat(run("", "conversations", "delete", "--yes", ID.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no conversation " + ID + " of yours");
        assertThat(api.requests).noneMatch(request -> request.startsWith("DELETE"));
    }

    private int run(String typed, String... args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.addAll(List.of("--api", api.uri().toString(), "--token", ApiStandIn.TOKEN));
        CommandLine commandLine = new CommandLine(new Root());
        commandLine.addSubcommand(new CommandLine(new ConversationsCommand(
                new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), print(out), print(err),
                () -> "unused", ZoneOffset.UTC)));
        return commandLine.execute(arguments.toArray(String[]::new));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    @CommandLine.Command(name = "gantry")
    static final class Root {
    }
}
