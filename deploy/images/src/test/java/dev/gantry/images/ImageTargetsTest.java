package dev.gantry.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTargetsTest {

    @Test
    void aRegistryWithANamespaceNamesEachImageUnderIt() {
        var reference = ImageTargets.reference("registry.example.com:5000/team/gantry/", "gateway", "1.2.3");

        assertThat(reference.getRegistry()).isEqualTo("registry.example.com:5000");
        assertThat(reference.getRepository()).isEqualTo("team/gantry/gateway");
        assertThat(reference.getTag()).hasValue("1.2.3");
    }

    @Test
    void aTagThatIsNotAValidReferenceIsRefusedNamingTheTag() {
        assertThatThrownBy(() -> ImageTargets.reference("ghcr.io/gantry-dev", "gateway", "v1 final"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image tag 'v1 final' is not a valid tag");
        assertThatThrownBy(() -> ImageTargets.reference("ghcr.io/gantry-dev", "gateway", "-rc1"))
                .hasMessageContaining("'-rc1'");
    }

    @Test
    void aRegistryWithUpperCaseInItsNamespaceIsRefused() {
        assertThatThrownBy(() -> ImageTargets.reference("ghcr.io/Gantry", "gateway", "1.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image reference 'ghcr.io/Gantry/gateway:1.0' is not valid");
    }

    @Test
    void theCommandRefusesABadTagBeforeBuildingAnything(@TempDir Path out) {
        // no module has been packaged under this repository: had it started building, it would fail differently
        var options = BuildImages.Options.parse(new String[] {"--repo=" + out, "--version=0.1.0-SNAPSHOT",
            "--out=" + out.resolve("images"), "--tag=not:a:tag", "--revision=" + "a".repeat(40)});

        assertThatThrownBy(() -> BuildImages.run(options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image tag 'not:a:tag' is not a valid tag");
        assertThat(out.resolve("images")).doesNotExist();
    }

    @Test
    void anUnknownImageNameIsRefused() {
        assertThatThrownBy(() -> BuildImages.Options.parse(new String[] {"--version=1", "--only=gateway,web"}))
                .hasMessageContaining("only: unknown image 'web'");
    }
}
