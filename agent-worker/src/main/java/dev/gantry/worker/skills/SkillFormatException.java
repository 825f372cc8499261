package dev.gantry.worker.skills;

/** A skill file that cannot be loaded as written; the message says why, for the user. */
public final class SkillFormatException extends Exception {

    public SkillFormatException(String reason) {
        super(reason, null, false, false);
    }
}
