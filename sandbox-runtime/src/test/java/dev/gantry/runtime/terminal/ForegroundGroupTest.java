package dev.gantry.runtime.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ForegroundGroupTest {

    @Test
    void aShellWaitingAtItsPromptHoldsItsOwnTerminal() {
        assertEquals(-1, ForegroundGroup.otherForegroundGroup("4242 (bash) S 1 4242 4242 34816 4242 4194560 0 0"));
    }

    @Test
    void aProgramTheShellStartedHoldsTheTerminal() {
        assertEquals(4250, ForegroundGroup.otherForegroundGroup("4242 (bash) S 1 4242 4242 34816 4250 4194560 0 0"));
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        assertEquals(4250, ForegroundGroup.otherForegroundGroup("4242 (odd) name) S 1 4242 4242 34816 4250 0"));
    }

    @Test
    void aShellThatIsGoneHoldsNothingBack() {
        assertTrue(ForegroundGroup.isProgramInForeground(Long.MAX_VALUE));
    }
}
