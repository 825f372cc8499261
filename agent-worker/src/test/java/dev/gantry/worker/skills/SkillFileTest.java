package dev.gantry.worker.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkillFileTest {

    @Test
    void readsAnOpenHandsKnowledgeMicroagentAsWritten() throws Exception {
        SkillFile.Parsed skill = SkillFile.parse("python", """
                ---
                name: python-tips
                type: knowledge
                version: 1.0.0
                agent: CodeActAgent
                triggers:
                - python
                - Pytest
                ---

                # Python
                Run the tests with `pytest -q`.
                """);

        assertThat(skill.name()).isEqualTo("python-tips");
        assertThat(skill.triggers()).containsExactly("python", "Pytest");
        assertThat(skill.content()).isEqualTo("# Python\nRun the tests with `pytest -q`.");
    }

    @Test
    void aFileWithoutFrontMatterIsAnAlwaysOnSkillNamedByItsPath() throws Exception {
        SkillFile.Parsed skill = SkillFile.parse("conventions/style", "Use tabs.\n");

        assertThat(skill.name()).isEqualTo("conventions/style");
        assertThat(skill.triggers()).isEmpty();
        assertThat(skill.content()).isEqualTo("Use tabs.");
    }

    @Test
    void emptyTriggersOrEmptyFrontMatterLeaveTheSkillAlwaysOn() throws Exception {
        assertThat(SkillFile.parse("repo", "---\ntriggers: []\n---\nAlways.").triggers()).isEmpty();
        assertThat(SkillFile.parse("repo", "---\n---\nAlways.").content()).isEqualTo("Always.");
        assertThat(SkillFile.parse("repo", "---\ntype: repo\n---\nAlways.").triggers()).isEmpty();
    }

    @Test
    void windowsLineEndsAndAByteOrderMarkDoNotHideTheFrontMatter() throws Exception {
        SkillFile.Parsed skill = SkillFile.parse("x", "\uFEFF---\r\ntriggers: [docker]\r\n---\r\nUse compose.\r\n");

        assertThat(skill.triggers()).containsExactly("docker");
        assertThat(skill.content()).isEqualTo("Use compose.");
    }

    @Test
    void aTaskSkillWithInputsIsTriggeredBySlashItsName() throws Exception {
        SkillFile.Parsed skill = SkillFile.parse("release", """
                ---
                inputs:
                  - name: VERSION
                    description: the version to release
                ---
                Release ${VERSION}.""");

        assertThat(skill.triggers()).containsExactly("/release");
    }

    @Test
    void triggersThatAreNotAListOfWordsAreRefusedSayingSo() {
        assertThatThrownBy(() -> SkillFile.parse("x", "---\ntriggers: python\n---\nText"))
                .isInstanceOf(SkillFormatException.class)
                .hasMessage("'triggers' must be a list of strings (triggers: [word, another]), not the text 'python'");
        assertThatThrownBy(() -> SkillFile.parse("x", "---\ntriggers: [python, 3]\n---\nText"))
                .hasMessage("'triggers' must be a list of strings; item 2 is the value 3");
        assertThatThrownBy(() -> SkillFile.parse("x", "---\ntriggers: [python, {a: b}]\n---\nText"))
                .hasMessage("'triggers' must be a list of strings; item 2 is a mapping");
    }

    @Test
    void frontMatterThatIsNotYamlNamesTheLineAndColumnInTheFile() {
        assertThatThrownBy(() -> SkillFile.parse("x", "---\nname: a\ntriggers: [python\n---\nText"))
                .isInstanceOf(SkillFormatException.class)
                .hasMessageStartingWith("its front matter is not valid YAML: ")
                .hasMessageEndingWith("(line 4, column 1)");
    }

    @Test
    void aYamlMistakeInsideTheFrontMatterIsPlacedOnItsLine() {
        assertThatThrownBy(() -> SkillFile.parse("x", "---\nname: a\ntriggers: [a]\n  bad: indent\n---\nText"))
                .hasMessageEndingWith("(line 4, column 3)");
    }

    @Test
    void frontMatterWithoutItsClosingLineOrThatIsNotFieldsIsRefused() {
        assertThatThrownBy(() -> SkillFile.parse("x", "---\ntriggers: [a]\nText"))
                .hasMessage("its front matter has no closing '---' line");
        assertThatThrownBy(() -> SkillFile.parse("x", "---\n- a\n- b\n---\nText"))
                .hasMessage("its front matter must be YAML fields (name: ..., triggers: [...]), not a list");
        assertThatThrownBy(() -> SkillFile.parse("x", "---\nname: [a]\n---\nText"))
                .hasMessage("'name' must be a word or phrase, not a list");
    }

    @Test
    void aPathRuleIsRefusedRatherThanMadeAlwaysOn() {
        assertThatThrownBy(() -> SkillFile.parse("x", "---\npaths: ['src/**/*.py']\n---\nText"))
                .hasMessageContaining("path rule ('paths')");
    }

    @Test
    void yamlThatWouldExpandWithoutBoundIsRefused() {
        StringBuilder bomb = new StringBuilder("---\na: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append(c).append(": &").append(c).append(" [*").append((char) (c - 1)).append(", *")
                    .append((char) (c - 1)).append(", *").append((char) (c - 1)).append("]\n");
        }
        bomb.append("---\nText");

        assertThatThrownBy(() -> SkillFile.parse("x", bomb.toString()))
                .isInstanceOf(SkillFormatException.class).hasMessageStartingWith("its front matter is not valid YAML");
    }

    @Test
    void bytesThatAreNotUtf8TextAreRefusedAndACharacterCutAtTheEndIsDropped() throws Exception {
        assertThatThrownBy(() -> SkillFile.decode(new byte[] {'a', (byte) 0xC3, 'b'}, true))
                .hasMessage("it is not UTF-8 text");
        assertThatThrownBy(() -> SkillFile.decode("a\u0000b".getBytes(StandardCharsets.UTF_8), true))
                .hasMessageContaining("NUL");
        byte[] euros = "€€".getBytes(StandardCharsets.UTF_8);

        assertThat(SkillFile.decode(Arrays.copyOf(euros, 5), false)).isEqualTo("€");
        assertThat(SkillFile.decode(euros, false)).isEqualTo("€€");
        assertThat(List.of(SkillFile.decode("plain".getBytes(StandardCharsets.UTF_8), true))).containsExactly("plain");
    }
}
