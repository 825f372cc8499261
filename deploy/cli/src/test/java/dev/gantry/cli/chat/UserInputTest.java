package dev.gantry.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserInputTest {

    @Test
    void aLineIsAMessageForTheAgentAndBlankLinesAreNothing() {
        assertThat(UserInput.parse("  fix the tests ", false)).isEqualTo(new UserInput.Message("fix the tests"));
        assertThat(UserInput.parse("   ", false)).isEqualTo(new UserInput.Blank());
        assertThat(UserInput.parse("y", false)).as("no question asked: y is a message")
                .isEqualTo(new UserInput.Message("y"));
    }

    @Test
    void slashWordsAreCommandsInAnyCase() {
        assertThat(UserInput.parse("/stop", false)).isEqualTo(new UserInput.Command(UserInput.Kind.STOP));
        assertThat(UserInput.parse("/Pause", true)).isEqualTo(new UserInput.Command(UserInput.Kind.PAUSE));
        assertThat(UserInput.parse("/quit", false)).isEqualTo(new UserInput.Command(UserInput.Kind.QUIT));
    }

    @Test
    void anUnknownCommandOrOneWithArgumentsIsRefusedAndSaysWhy() {
        assertThat(UserInput.parse("/halt", false)).isInstanceOfSatisfying(UserInput.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("no command /halt", "/help"));
        assertThat(UserInput.parse("/stop now", false)).isInstanceOfSatisfying(UserInput.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("/stop takes nothing after it"));
    }

    @Test
    void aDoubleSlashSendsAMessageStartingWithASlash() {
        assertThat(UserInput.parse("//etc/hosts is wrong", false)).isEqualTo(new UserInput.Message("/etc/hosts is wrong"));
    }

    @Test
    void whileAskedYesAndNoAnswerAndNCarriesAReason() {
        assertThat(UserInput.parse("Y", true)).isEqualTo(new UserInput.Answer(true, null));
        assertThat(UserInput.parse("yes", true)).isEqualTo(new UserInput.Answer(true, null));
        assertThat(UserInput.parse("n", true)).isEqualTo(new UserInput.Answer(false, null));
        assertThat(UserInput.parse("no, it deletes my files", true))
                .isEqualTo(new UserInput.Answer(false, "it deletes my files"));
        assertThat(UserInput.parse("n too risky", true)).isEqualTo(new UserInput.Answer(false, "too risky"));
    }

    @Test
    void whileAskedAnythingElseIsRefusedRatherThanTakenForAnAnswerOrAMessage() {
        assertThat(UserInput.parse("nope", true)).isInstanceOf(UserInput.Invalid.class);
        assertThat(UserInput.parse("sure go ahead", true)).isInstanceOfSatisfying(UserInput.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("y lets it act", "n refuses"));
        assertThat(UserInput.parse("/stop", true)).isEqualTo(new UserInput.Command(UserInput.Kind.STOP));
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(UserInput.help()).contains("/pause", "/resume", "/stop", "/status", "/quit", "/help", "//text",
                "n [reason]");
    }
}
