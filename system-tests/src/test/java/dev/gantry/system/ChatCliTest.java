package dev.gantry.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.system.platform.Platform;
import dev.gantry.system.platform.Tokens;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantry chat} and {@code gantry conversations} as a user runs them: the CLI's jar as a process of its own,
 * typed at through its standard input, against the running platform, on a replayed trajectory whose commands the
 * risk analyzer rates high, so the agent asks before each.
 */
class ChatCliTest {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final Pattern CONVERSATION = Pattern.compile("conversation ([0-9a-f-]{36})");

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void chatAsksBeforeARiskyCommandRunsItOnYesAndStopsTheAgentOnSlashStop(@TempDir Path dir) throws Exception {
        Platform platform = Platform.get();
        String token = new Tokens(platform.home()).forUser("chat-" + UUID.randomUUID().toString().substring(0, 8));
        // a platform just started on a loaded machine may answer 503 for a while: ask until it takes the settings
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> new PublicApi(token).request()
                .body(Map.of("confirmationPolicy", "risky")).post("/api/v1/settings").statusCode() == 200);
        Path trajectory = dir.resolve("risky-chat.json");
        Files.writeString(trajectory, """
                [{"tool": "terminal", "arguments": {"command": "mkdir -p shared && chmod -R 777 shared && echo opened-for-all"}},
                 {"tool": "terminal", "arguments": {"command": "chmod -R 777 shared && echo opened-again"}}]""");
        Cli chat = start(token, null, "chat", "--replay", trajectory.toString());

        chat.awaitOutput(out -> out.contains("allow it? [y/n]"));
        assertThat(chat.output()).contains("$ mkdir -p shared && chmod -R 777 shared && echo opened-for-all",
                "risk: high (lets everyone write a whole directory tree (chmod -R 777))");
        chat.type("y");
        chat.awaitOutput(out -> out.contains("  opened-for-all") && count(out, "allow it? [y/n]") == 2);
        assertThat(chat.output()).as("the second command waits: its output never came").doesNotContain("\n  opened-again");
        chat.type("/stop");
        chat.awaitOutput(out -> out.contains("status: stopped"));
        chat.type("/quit");

        assertThat(chat.process.waitFor(1, TimeUnit.MINUTES)).as(chat.output()).isTrue();
        assertThat(chat.process.exitValue()).as(chat.output()).isZero();
        Matcher id = CONVERSATION.matcher(chat.output());
        assertThat(id.find()).as(chat.output()).isTrue();
        String conversationId = id.group(1);
        assertThat(chat.output()).containsOnlyOnce("\n  opened-for-all").doesNotContain("\n  opened-again")
                .contains("Back to it with: gantry chat " + conversationId);

        Cli list = start(token, null, "conversations", "--search", "risky-chat");
        assertThat(list.awaitExit()).as(list.output()).isZero();
        assertThat(list.output()).containsPattern(conversationId + "\\s+stopped\\s+replay of risky-chat.json");

        Cli show = start(token, null, "conversations", "show", conversationId);
        assertThat(show.awaitExit()).as(show.output()).isZero();
        assertThat(show.output()).contains("id:            " + conversationId, "status:        stopped",
                "model:         gantry/replay", "tokens:", "cost:", "pull requests: none");

        Cli refused = start(token, "n\n", "conversations", "delete", conversationId);
        assertThat(refused.awaitExit()).as(refused.output()).isEqualTo(1);
        Cli deleted = start(token, "y\n", "conversations", "delete", conversationId);
        assertThat(deleted.awaitExit()).as(deleted.output()).isZero();
        assertThat(deleted.output()).contains("deleted " + conversationId);
        new PublicApi(token).request().get("/api/v1/conversations/" + conversationId).then().statusCode(404);

        Cli gone = start(token, null, "conversations", "show", conversationId);
        assertThat(gone.awaitExit()).isEqualTo(1);
        assertThat(gone.output()).contains("no conversation " + conversationId + " of yours");
    }

    private Cli start(String token, String typed, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Platform.REPO.resolve("deploy/cli/target/gantry-cli.jar").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--api", Platform.get().gateway().toString(), "--token", token));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(process);
        Cli cli = new Cli(process);
        if (typed != null) {
            cli.type(typed.strip());
        }
        return cli;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /** A running {@code gantry} process: what it printed so far, and its keyboard. */
    private static final class Cli {

        final Process process;
        private final StringBuffer output = new StringBuffer();
        private final Thread reader;

        Cli(Process process) {
            this.process = process;
            reader = new Thread(() -> {
                try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
                    char[] buffer = new char[4096];
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        output.append(buffer, 0, read);
                    }
                } catch (IOException ended) {
                    // the process is gone
                }
            }, "cli-output");
            reader.setDaemon(true);
            reader.start();
        }

        String output() {
            return output.toString();
        }

        void type(String line) throws IOException {
            OutputStream keyboard = process.getOutputStream();
            keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }

        void awaitOutput(java.util.function.Predicate<String> condition) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).failFast(() -> !process.isAlive()
                    && !condition.test(output()))
                    .until(() -> condition.test(output()));
        }

        int awaitExit() throws InterruptedException {
            assertThat(process.waitFor(1, TimeUnit.MINUTES)).as(output()).isTrue();
            reader.join(Duration.ofSeconds(5).toMillis());
            return process.exitValue();
        }
    }
}
