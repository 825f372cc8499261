package dev.gantry.cli.conversations;

import dev.gantry.cli.ApiException;
import dev.gantry.cli.TerminalText;
import dev.gantry.cli.UsageException;
import java.util.UUID;

/** A conversation id typed on the command line: a UUID, as {@code gantry conversations} lists them. */
public final class ConversationId {

    private ConversationId() {
    }

    /** The id in its canonical form, or a usage error naming what was typed. */
    public static String check(String typed) throws UsageException {
        try {
            return UUID.fromString(typed.strip()).toString();
        } catch (IllegalArgumentException e) {
            throw new UsageException("'" + TerminalText.oneLine(typed, 60) + "' is not a conversation id (a UUID such as"
                    + " 3f2b1c9e-5d4a-4c1b-9a7e-2f6d8c0b1a23; gantry conversations lists yours)");
        }
    }

    /** The API's 404 told as the user reads it; other failures as they are. */
    public static ApiException explain(ApiException failure, String id) {
        return failure.status() == 404
                ? new ApiException(404, "no conversation " + id + " of yours (gantry conversations lists them)")
                : failure;
    }
}
