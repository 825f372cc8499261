package dev.gantry.sandbox.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeCommandTest {

    @TempDir
    Path dir;

    @Test
    void anAotCacheOnJdk25IsUsedWithoutReplayingItsProfiles() throws IOException {
        RuntimeCommand command = new RuntimeCommand(jdk("25.0.3"), application(RuntimeCommand.AOT_CACHE));

        assertThat(command.archiveOptions()).containsExactly("-XX:AOTCache=app.aot",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining");
        assertThat(command.command(List.of("-XX:+UseSerialGC"), true)).containsSubsequence("-XX:+UseSerialGC",
                "-XX:AOTCache=app.aot", "-XX:-AOTReplayTraining", "-jar", "quarkus-run.jar");
    }

    @Test
    void jdk24HasTheCacheButNoReplaySwitchToTurnOff() throws IOException {
        RuntimeCommand command = new RuntimeCommand(jdk("24.0.2"), application(RuntimeCommand.AOT_CACHE));

        assertThat(command.archiveOptions()).containsExactly("-XX:AOTCache=app.aot");
    }

    @Test
    void anOlderJdkStartsOnTheAppCdsArchiveOrOnNothing() throws IOException {
        Path withCds = application(RuntimeCommand.AOT_CACHE, RuntimeCommand.CDS_ARCHIVE);
        assertThat(new RuntimeCommand(jdk("21.0.9"), withCds).archiveOptions())
                .containsExactly("-XX:SharedArchiveFile=app-cds.jsa");

        Path cacheOnly = application(RuntimeCommand.AOT_CACHE);
        assertThat(new RuntimeCommand(jdk("21.0.9"), cacheOnly).archiveOptions()).isEmpty();
        assertThat(new RuntimeCommand(jdk("21.0.9"), cacheOnly).command(List.of(), true))
                .noneMatch(option -> option.contains("AOT"));
    }

    /** A JDK's layout as far as the command reads it: bin/java and the release file. */
    private Path jdk(String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve("jdk-" + version));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        return java;
    }

    private Path application(String... archives) throws IOException {
        Path app = Files.createDirectories(dir.resolve("app-" + String.join("-", archives)));
        for (String archive : archives) {
            Files.writeString(app.resolve(archive), "archive");
        }
        Path jar = app.resolve("quarkus-run.jar");
        Files.writeString(jar, "jar");
        return jar;
    }
}
