package dev.gantry.runtime.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputWindowTest {

    @Test
    void keepsShortOutputWhole() {
        OutputWindow window = new OutputWindow(10);
        window.append("0123456789", 0, 10);
        assertEquals("0123456789", window.render());
    }

    @Test
    void keepsHeadAndTailOfLongOutputAndCountsTheCut() {
        OutputWindow window = new OutputWindow(10);
        String text = "HEAD!" + "x".repeat(1000) + "TAIL!";
        for (int i = 0; i < text.length(); i += 7) {
            window.append(text, i, Math.min(text.length(), i + 7));
        }
        String rendered = window.render();
        assertTrue(rendered.startsWith("HEAD!\n[... 1000 characters of output were cut"), rendered);
        assertTrue(rendered.endsWith("...]\nTAIL!"), rendered);
    }

    @Test
    void stripsEscapeSequencesAndCarriageReturnsBeforeNewlines() {
        OutputWindow window = new OutputWindow(100);
        String text = "\u001B[32mgreen\u001B[0m\r\n\u001B]0;title\u0007done";
        window.append(text, 0, text.length());
        assertEquals("green\ndone", window.render());
    }
}
