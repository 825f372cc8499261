package dev.gantry.contracts.text;

import java.util.Optional;

/**
 * Whether a text can be stored as PostgreSQL text and jsonb, which refuse the NUL character (U+0000) and, as
 * invalid UTF-8, a surrogate code unit without its pair. Checked where text enters the platform, so such a
 * text is a 400 naming its field instead of a database failure.
 */
public final class StorableText {

    private StorableText() {
    }

    /** Why {@code text} cannot be stored, or empty when it can (null can). */
    public static Optional<String> problem(CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("contains the NUL character (U+0000) at index " + i + ", which cannot be stored");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of(unpaired(c, i));
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of(unpaired(c, i));
            }
        }
        return Optional.empty();
    }

    /** The replacement of what cannot be stored: U+FFFD, as a UTF-8 decoder writes for what it cannot read. */
    public static final char REPLACEMENT = '\uFFFD';

    /**
     * {@code text} with each NUL and unpaired surrogate replaced by {@link #REPLACEMENT}: for text the platform
     * records but did not receive from a user (a command's output, a model's answer), which must be kept rather
     * than refused. The same instance when nothing needs replacing.
     */
    public static String repaired(String text) {
        if (text == null || storable(text)) {
            return text;
        }
        StringBuilder repaired = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                repaired.append(c).append(text.charAt(++i));
            } else if (c == '\u0000' || Character.isSurrogate(c)) {
                repaired.append(REPLACEMENT);
            } else {
                repaired.append(c);
            }
        }
        return repaired.toString();
    }

    public static boolean storable(CharSequence text) {
        return problem(text).isEmpty();
    }

    private static String unpaired(char c, int index) {
        return String.format("contains an unpaired surrogate (U+%04X) at index %d, which is not valid Unicode text",
                (int) c, index);
    }
}
