package dev.gantry.cli.chat;

import dev.gantry.cli.ApiException;

/** What the chat's main loop waits for: a typed line, the end of the input, Ctrl-C, or a stream lost for good. */
sealed interface ChatSignal {

    record Line(String text) implements ChatSignal {
    }

    record EndOfInput() implements ChatSignal {
    }

    record Interrupted() implements ChatSignal {
    }

    record StreamFailed(ApiException failure) implements ChatSignal {
    }
}
