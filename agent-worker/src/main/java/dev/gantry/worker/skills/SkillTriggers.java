package dev.gantry.worker.skills;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When a message triggers a skill, as OpenHands decides it: a trigger is found in the message ignoring case, as a
 * whole token (no letter or digit right before or after it), so {@code git} does not fire on {@code github} while
 * {@code /deploy} or {@code c++} still match.
 */
public final class SkillTriggers {

    private SkillTriggers() {
    }

    /** The first of {@code triggers} the message contains, if any. */
    public static Optional<String> match(List<String> triggers, String message) {
        String text = message.toLowerCase(Locale.ROOT);
        return triggers.stream().filter(trigger -> contains(text, trigger)).findFirst();
    }

    private static boolean contains(String lowerCaseText, String trigger) {
        String word = trigger.toLowerCase(Locale.ROOT);
        if (word.isEmpty()) {
            return false;
        }
        return Pattern.compile("(?<![a-z0-9])" + Pattern.quote(word) + "(?![a-z0-9])").matcher(lowerCaseText).find();
    }
}
