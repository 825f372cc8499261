package dev.gantry.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.worker.skills.SkillFile;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The installation's skills: values the chart turns into files the agent-worker reads, in OpenHands' format. */
class InstallationSkillsTest {

    private static final String SKILLS = RenderedChart.objectName("agent-worker") + "-skills";

    @Test
    void theSkillsValuesBecomeFilesOfAConfigMapMountedWhereTheWorkerReadsThem() throws Exception {
        RenderedChart chart = RenderedChart.render(Map.of(
                "agentWorker.skills.house-rules\\.md", "Never push to main.",
                "agentWorker.skills.kubernetes\\.md", "---\ntriggers: [kubectl]\n---\nUse the staging context."));

        ConfigMap skills = chart.get(ConfigMap.class, SKILLS);
        assertThat(skills.getData()).containsOnlyKeys("house-rules.md", "kubernetes.md")
                .containsEntry("house-rules.md", "Never push to main.");
        SkillFile.Parsed kubernetes = SkillFile.parse("kubernetes", skills.getData().get("kubernetes.md"));
        assertThat(kubernetes.triggers()).containsExactly("kubectl");
        assertThat(kubernetes.content()).isEqualTo("Use the staging context.");
        assertThat(chart.deployment("agent-worker").getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(volume -> volume.getName().equals("skills")).singleElement()
                .extracting(Volume::getConfigMap).satisfies(source -> assertThat(source.getName()).isEqualTo(SKILLS));
        assertThat(chart.container("agent-worker").getVolumeMounts())
                .filteredOn(mount -> mount.getName().equals("skills")).singleElement()
                .satisfies(mount -> {
                    assertThat(mount.getMountPath()).isEqualTo("/etc/gantry/skills");
                    assertThat(mount.getReadOnly()).isTrue();
                });
        assertThat(chart.config("agent-worker").getProperty("gantry.worker.skills.directory"))
                .isEqualTo("/etc/gantry/skills");
    }

    @Test
    void withoutSkillsTheWorkerHasNoSkillDirectory() {
        RenderedChart chart = RenderedChart.render(Map.of());

        assertThat(chart.all(ConfigMap.class)).extracting(map -> map.getMetadata().getName()).doesNotContain(SKILLS);
        assertThat(chart.container("agent-worker").getVolumeMounts()).extracting(VolumeMount::getName)
                .doesNotContain("skills");
        assertThat(chart.config("agent-worker")).doesNotContainKey("gantry.worker.skills.directory");
    }

    @Test
    void aSkillFileNameThatIsNotMarkdownIsRefusedNamingIt() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("agentWorker.skills.notes\\.txt", "text")))
                .hasMessageContaining("invalid propertyName 'notes.txt'").hasMessageContaining(".md$");
    }
}
