package dev.gantry.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.system.platform.Platform;
import dev.gantry.system.platform.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's demo, as a newcomer runs it: {@code gantry run --replay}, with no LLM anywhere. */
class ReplayDemoTest {

    @Test
    void theReplayDemoCreatesAndRunsAFileAndExitsZero() throws IOException, InterruptedException {
        Platform platform = Platform.get();
        String token = new Tokens(platform.home()).forUser("demo-" + UUID.randomUUID().toString().substring(0, 8));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process cli = new ProcessBuilder(List.of(java.toString(), "-jar",
                Platform.REPO.resolve("deploy/cli/target/gantry-cli.jar").toString(), "run",
                "--replay", Platform.REPO.resolve("deploy/demo/hello-trajectory.json").toString(),
                "--api", platform.gateway().toString(), "--token", token))
                .redirectErrorStream(true).start();

        boolean ended = cli.waitFor(2, TimeUnit.MINUTES);
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(ended).as(output).isTrue();
        assertThat(cli.exitValue()).as(output).isZero();
        assertThat(output).contains("$ python3 hello.py", "  hello from Gantry", "status: finished", "finished");
    }
}
