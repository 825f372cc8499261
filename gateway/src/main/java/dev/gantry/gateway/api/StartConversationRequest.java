package dev.gantry.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Size;

/** What a new conversation starts with; every field may be left out (an idle conversation). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StartConversationRequest(
        @Size(max = Limits.MESSAGE_LENGTH) String initialMessage,
        @Size(max = Limits.NAME_LENGTH) String repository,
        @Size(max = Limits.NAME_LENGTH) String branch,
        @Size(max = Limits.TITLE_LENGTH) String title) {
}
