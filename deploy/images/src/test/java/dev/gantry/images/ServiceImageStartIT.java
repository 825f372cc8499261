package dev.gantry.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each service image's entrypoint from the image's own files (as {@link SandboxImageStartIT} does the
 * sandbox's) through the part of a Quarkus start that needs no database or broker ({@code quarkus.appcds.generate},
 * as Quarkus' own training runs it), on the start-up archive the build trained for the image's Java:
 * {@code -XX:AOTMode=on} makes a JVM that cannot use it fail. Prints how long that part takes with and without it.
 */
class ServiceImageStartIT {

    private static final Path OUT = Path.of(System.getProperty("gantry.images.out"));

    static Stream<ImageSpec> services() {
        return GantryImages.all().stream().filter(spec -> spec.base() == ImageSpec.BaseKind.JRE);
    }

    @ParameterizedTest
    @MethodSource("services")
    void theServiceStartsOnTheArchiveTrainedForItsImage(ImageSpec spec) throws Exception {
        assumeTrue(ImageRoot.canRun(), "running an image's entrypoint needs bwrap and root");
        try (ImageRoot image = ImageRoot.unpack(OUT.resolve(spec.component() + ".tar"))) {
            assertThat(image.entrypoint()).anyMatch(option -> option.startsWith("-XX:AOTCache=" + spec.appDir() + "/")
                    || option.startsWith("-XX:SharedArchiveFile=" + spec.appDir() + "/"));

            long archived = startUpToConnecting(image, image.archiveRequired());
            long plain = startUpToConnecting(image, image.archiveOff());
            // wall time to the process's end: the training mode's own exit takes some seconds of it, the same in both
            System.out.printf("BENCHMARK %s image, quarkus.appcds.generate run to its exit: with its start-up archive "
                    + "%d ms, %s %d ms (%d ms less with it)%n", spec.component(), archived, image.archiveOff(), plain,
                    plain - archived);
        }
    }

    /** The entrypoint's JVM with {@code option}, through the start's part that needs nothing; its time in ms. */
    private static long startUpToConnecting(ImageRoot image, String option) throws Exception {
        Path log = Files.createTempFile("service-image-", ".log");
        long started = System.nanoTime();
        Process process = image.command(List.of(option, "-Dquarkus.appcds.generate=true"),
                        StartupArchive.trainingSettings())
                .redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(2, TimeUnit.MINUTES);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(ended).as("ended within 2 minutes: %s", output).isTrue();
        assertThat(process.exitValue()).as("exit status; output: %s", output).isZero();
        assertThat(output).doesNotContain("[error]");
        return millis;
    }
}
