package dev.gantry.worker.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.gantry.contracts.event.SkillsLoadedEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent.LoadedSkill;
import dev.gantry.contracts.event.SkillsLoadedEvent.SkillSource;
import dev.gantry.contracts.event.SkillsLoadedEvent.SkippedSkill;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallationSkillsTest {

    @TempDir
    Path directory;

    @Test
    void everyMarkdownFileOfTheDirectoryIsASkillAndABadOneIsSkippedWithWhy() throws Exception {
        Files.writeString(directory.resolve("house-rules.md"), "Never push to main.\n");
        Files.writeString(directory.resolve("k8s.md"), "---\ntriggers: [kubectl, helm]\n---\nUse the staging context.");
        Files.writeString(directory.resolve("broken.md"), "---\ntriggers: kubectl\n---\nText");
        Files.writeString(directory.resolve("README.md"), "What this ConfigMap is for.");
        Files.writeString(directory.resolve("notes.txt"), "not a skill");
        Files.createDirectories(directory.resolve("..data"));
        Files.writeString(directory.resolve(".hidden.md"), "not a skill either");

        SkillsLoadedEvent event = read(directory, Caps.of(1000, 10_000, 10));

        assertThat(event.skills()).extracting(LoadedSkill::name, LoadedSkill::source, LoadedSkill::path)
                .containsExactly(tuple("house-rules", SkillSource.INSTALLATION, "house-rules.md"),
                        tuple("k8s", SkillSource.INSTALLATION, "k8s.md"));
        assertThat(event.skills().get(1).triggers()).containsExactly("kubectl", "helm");
        assertThat(event.skipped()).extracting(SkippedSkill::path, SkippedSkill::reason).containsExactly(
                tuple("broken.md", "'triggers' must be a list of strings (triggers: [word, another]), not the text 'kubectl'"));
    }

    @Test
    void aFileOverTheCapIsReadNoFurtherThanNeededAndCutWithANotice() throws Exception {
        Files.writeString(directory.resolve("big.md"), "é".repeat(200_000));

        LoadedSkill big = read(directory, Caps.of(100, 10_000, 10)).skills().getFirst();

        assertThat(big.truncated()).isTrue();
        assertThat(big.content()).startsWith("é".repeat(100) + "\n\n[Skill cut here: only its first 100 characters are shown.]");
    }

    @Test
    void aMissingDirectoryIsAWarningNotAFailure() {
        SkillsLoadedEvent event = read(directory.resolve("absent"), Caps.of(100, 100, 10));

        assertThat(event.skills()).isEmpty();
        assertThat(event.skipped()).singleElement().extracting(SkippedSkill::reason).asString()
                .endsWith("(gantry.worker.skills.directory) does not exist");
    }

    private static SkillsLoadedEvent read(Path directory, Caps caps) {
        SkillCollector collector = new SkillCollector(UUID.randomUUID(), caps, new ConversationSkills());
        InstallationSkills.read(directory, collector, caps);
        return collector.event().orElseThrow();
    }
}
