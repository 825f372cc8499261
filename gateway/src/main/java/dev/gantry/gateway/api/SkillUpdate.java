package dev.gantry.gateway.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A skill's new triggers and content; the name comes from the path. */
public record SkillUpdate(
        @Size(max = Limits.SKILL_TRIGGERS) List<@NotBlank @Size(max = Limits.SKILL_TRIGGER_LENGTH) String> triggers,
        @NotBlank @Size(max = Limits.SKILL_LENGTH) String content) {

    public SkillWrite named(String name) {
        return new SkillWrite(name, triggers, content);
    }
}
