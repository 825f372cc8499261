package dev.gantry.runtime.actions;

/**
 * What the runtime answered to an action: the HTTP status and the JSON body (a problem+json one from 400 on).
 *
 * @param replayed whether this answer comes from the journal rather than from running the action now
 */
public record ActionAnswer(int status, String body, boolean replayed) {

    static final int FIRST_ERROR_STATUS = 400;

    public boolean problem() {
        return status >= FIRST_ERROR_STATUS;
    }

    ActionAnswer asReplayed() {
        return new ActionAnswer(status, body, true);
    }
}
