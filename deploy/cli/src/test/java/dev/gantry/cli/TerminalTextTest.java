package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void escapeSequencesAndBidiOverridesAreShownNotObeyed() {
        assertThat(TerminalText.safe("a\u001b[31mred\u001b[0m\rb\u202eevil\u2066"))
                .isEqualTo("a?[31mred?[0m?b?evil?");
    }

    @Test
    void newlinesTabsAndOrdinaryTextStay() {
        assertThat(TerminalText.safe("line 1\n\tline 2 — é 日本")).isEqualTo("line 1\n\tline 2 — é 日本");
    }

    @Test
    void oneLineJoinsLinesAndMarksTheCut() {
        assertThat(TerminalText.oneLine("fix\nthe build please", 10)).isEqualTo("fix the b…");
        assertThat(TerminalText.oneLine("short", 10)).isEqualTo("short");
    }
}
