package dev.gantry.conversation.rest.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /skills} (a name is required) and {@code PUT /skills/{name}} (a name, when given, must equal the
 * path's). A skill without triggers is always on.
 */
public record SkillRequest(
        @Pattern(regexp = FieldRules.NAME_PATTERN, message = FieldRules.NAME_REASON) String name,
        @Size(max = FieldRules.SKILL_TRIGGERS_MAX)
        List<@NotNull @Size(max = FieldRules.SKILL_TRIGGER_MAX)
                @Pattern(regexp = FieldRules.NOT_BLANK_PATTERN, message = "must not be blank") String> triggers,
        @NotNull @Size(max = FieldRules.SKILL_CONTENT_MAX)
        @Pattern(regexp = FieldRules.NOT_BLANK_PATTERN, message = "must not be blank") String content) {
}
