package dev.gantry.conversation.rest.dto;

/** The bounds of the request fields, shared by the annotations that check them. */
public final class FieldRules {

    /** A secret's or MCP server's name: it is used in paths and in {@code secret:<name>} references. */
    /** A secret exported to the sandbox is a shell variable of its name; the runtime keeps GANTRY_* its own. */
    public static final String VARIABLE_NAME_PATTERN = "(?!GANTRY_)[A-Za-z_][A-Za-z0-9_]{0,127}";
    public static final String VARIABLE_NAME_REASON = "must name a secret whose name is a shell variable name"
            + " (letters, digits and '_', not starting with a digit or GANTRY_)";
    public static final int SANDBOX_SECRETS_MAX = 50;
    public static final String NAME_PATTERN = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    public static final String NAME_REASON = "must be 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'";
    /** Present but not blank: for optional fields that, when given, must say something. */
    public static final String NOT_BLANK_PATTERN = "(?s).*\\S.*";
    public static final String HTTP_URL_PATTERN = "(?i)https?://\\S+";

    public static final int TITLE_MAX = 200;
    public static final int MESSAGE_MAX = 100_000;
    public static final int REPOSITORY_MAX = 500;
    public static final int BRANCH_MAX = 255;
    public static final int REASON_MAX = 2_000;
    public static final int MODEL_MAX = 200;
    public static final int URL_MAX = 2_000;
    public static final int DESCRIPTION_MAX = 500;
    public static final int SECRET_VALUE_MAX = 16_384;
    public static final int COMMAND_MAX = 1_000;
    public static final int ARGS_MAX = 100;
    public static final int ARG_MAX = 2_000;
    public static final int HEADERS_MAX = 50;
    public static final int HEADER_VALUE_MAX = 4_000;
    public static final int MAX_ITERATIONS_MAX = 10_000;
    public static final int CONDENSER_MAX_SIZE_MAX = 100_000;
    public static final int EVENT_KINDS_MAX = 50;
    /** A skill's text as stored; the agent-worker gives the agent at most its own cap of it, with a notice. */
    public static final int SKILL_CONTENT_MAX = 100_000;
    public static final int SKILL_TRIGGERS_MAX = 50;
    public static final int SKILL_TRIGGER_MAX = 100;

    private FieldRules() {
    }
}
