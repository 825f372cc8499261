package dev.gantry.gateway.api;

/** The size limits of request fields, shared by the request records so they agree. */
final class Limits {

    static final int TITLE_LENGTH = 200;
    static final int NAME_LENGTH = 200;
    static final int URL_LENGTH = 2_000;
    static final int MESSAGE_LENGTH = 100_000;
    static final int SECRET_LENGTH = 10_000;
    static final int SKILL_LENGTH = 100_000;
    static final int SKILL_TRIGGERS = 50;
    static final int SKILL_TRIGGER_LENGTH = 100;
    static final String NAME_PATTERN = "[A-Za-z0-9_.-]{1,100}";
    static final String NAME_PATTERN_MESSAGE = "must be 1 to 100 letters, digits, '_', '.' or '-'";

    private Limits() {
    }
}
