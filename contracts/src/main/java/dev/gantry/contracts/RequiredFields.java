package dev.gantry.contracts;

/**
 * Checks the fields a wire record cannot do without. A record built from JSON that lacks one of
 * them fails with a message naming the field, which Jackson reports with the record's type.
 */
public final class RequiredFields {

    private RequiredFields() {
    }

    public static <T> T require(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        return value;
    }

    public static String requireText(String value, String field) {
        if (require(value, field).isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' must not be blank");
        }
        return value;
    }

    public static long requirePositive(long value, String field) {
        if (value < 1) {
            throw new IllegalArgumentException("field '" + field + "' must be at least 1, was " + value);
        }
        return value;
    }
}
