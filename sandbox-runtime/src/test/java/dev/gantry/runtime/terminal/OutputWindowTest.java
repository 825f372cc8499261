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
    void keepsHeadAndTailOfLongOutputAroundOpenHandsClippedNotice() {
        OutputWindow window = new OutputWindow(10);
        String text = "HEAD!" + "x".repeat(1000) + "TAIL!";
        for (int i = 0; i < text.length(); i += 7) {
            window.append(text, i, Math.min(text.length(), i + 7));
        }
        String rendered = window.render();
        // openhands-sdk utils/truncate.py maybe_truncate: head + DEFAULT_TRUNCATE_NOTICE + tail
        assertEquals("HEAD!<response clipped><NOTE>Due to the max output limit, only part of the full response has"
                + " been shown to you.</NOTE>TAIL!", rendered);
    }

    @Test
    void stripsEscapeSequencesAndCarriageReturnsBeforeNewlines() {
        OutputWindow window = new OutputWindow(100);
        String text = "\u001B[32mgreen\u001B[0m\r\n\u001B]0;title\u0007done";
        window.append(text, 0, text.length());
        assertEquals("green\ndone", window.render());
    }
}
