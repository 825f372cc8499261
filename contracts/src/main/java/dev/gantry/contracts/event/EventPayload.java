package dev.gantry.contracts.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.Arrays;
import java.util.List;

/**
 * What happened, typed. The {@code kind} of an event is the simple name of its payload's type,
 * as in OpenHands, where the kind of an event is its class name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = MessageEvent.class, name = "MessageEvent"),
        @JsonSubTypes.Type(value = SystemPromptEvent.class, name = "SystemPromptEvent"),
        @JsonSubTypes.Type(value = ActionEvent.class, name = "ActionEvent"),
        @JsonSubTypes.Type(value = ObservationEvent.class, name = "ObservationEvent"),
        @JsonSubTypes.Type(value = UserRejectObservation.class, name = "UserRejectObservation"),
        @JsonSubTypes.Type(value = AgentErrorEvent.class, name = "AgentErrorEvent"),
        @JsonSubTypes.Type(value = CondensationEvent.class, name = "CondensationEvent"),
        @JsonSubTypes.Type(value = ConversationStateUpdateEvent.class, name = "ConversationStateUpdateEvent"),
        @JsonSubTypes.Type(value = PauseEvent.class, name = "PauseEvent"),
        @JsonSubTypes.Type(value = SandboxStatusUpdateEvent.class, name = "SandboxStatusUpdateEvent"),
        @JsonSubTypes.Type(value = RepositoryClonedEvent.class, name = "RepositoryClonedEvent"),
        @JsonSubTypes.Type(value = McpToolsEvent.class, name = "McpToolsEvent"),
        @JsonSubTypes.Type(value = SkillsLoadedEvent.class, name = "SkillsLoadedEvent")
})
public sealed interface EventPayload permits MessageEvent, SystemPromptEvent, ActionEvent, ObservationEvent,
        UserRejectObservation, AgentErrorEvent, CondensationEvent, ConversationStateUpdateEvent, PauseEvent,
        SandboxStatusUpdateEvent, RepositoryClonedEvent, McpToolsEvent, SkillsLoadedEvent {

    /** Every kind an event can have, in the order of the payload types. */
    List<String> KINDS = Arrays.stream(EventPayload.class.getPermittedSubclasses()).map(Class::getSimpleName).toList();

    /** The discriminator this payload has on the wire. */
    default String kind() {
        return getClass().getSimpleName();
    }
}
