package dev.gantry.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A skill to store: without {@code triggers} it is always on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SkillWrite(
        @NotBlank @Pattern(regexp = Limits.NAME_PATTERN, message = Limits.NAME_PATTERN_MESSAGE) String name,
        @Size(max = Limits.SKILL_TRIGGERS) List<@NotBlank @Size(max = Limits.SKILL_TRIGGER_LENGTH) String> triggers,
        @NotBlank @Size(max = Limits.SKILL_LENGTH) String content) {
}
