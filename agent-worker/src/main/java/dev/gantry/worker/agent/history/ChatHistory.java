package dev.gantry.worker.agent.history;

import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.CondensationEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.RepositoryClonedEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent;
import dev.gantry.contracts.event.SystemPromptEvent;
import dev.gantry.contracts.event.UserRejectObservation;
import dev.gantry.worker.skills.ConversationSkills;
import dev.gantry.worker.skills.SkillPrompt;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The conversation's event log as the chat messages the LLM reads. Tool calls made in one LLM
 * response (same {@code llmResponseId}) become one assistant message with several calls, followed
 * by one tool message per call; a call the worker could not take (unknown tool, bad JSON) is answered
 * by its AgentErrorEvent. Skills read as {@link SkillPrompt} writes them: the always-on ones after the system prompt,
 * a triggered one after the message that activated it. A condensation's summary, where the view
 * ({@code dev.gantry.worker.condenser.ContextView}) put it, is a user message.
 */
public final class ChatHistory {

    /** What introduces a condensation's summary to the LLM. */
    static final String SUMMARY_INTRO = "Summary of the earlier part of this conversation, which is no longer shown:\n";

    /** Arguments shown for a call whose own arguments were not a JSON object. */
    private static final String NO_ARGUMENTS = "{}";

    private ChatHistory() {
    }

    /** The chat with the images tools returned, for a model that reads images. */
    public static List<ChatMessage> toMessages(List<ConversationEvent> events) {
        return toMessages(events, true);
    }

    /**
     * The chat; the images tools returned are in it only when {@code vision} (a model without vision
     * reads the tools' text alone).
     */
    public static List<ChatMessage> toMessages(List<ConversationEvent> events, boolean vision) {
        Builder builder = new Builder(vision);
        events.forEach(builder::add);
        return builder.finish();
    }

    private static final class Builder {

        private final List<ChatMessage> messages = new ArrayList<>();
        private final List<ToolExecutionRequest> calls = new ArrayList<>();
        private final List<ToolExecutionResultMessage> results = new ArrayList<>();
        /** Images the results carry: a tool message holds only text, so they follow the results as a user turn. */
        private final List<Content> images = new ArrayList<>();
        private final boolean vision;
        private String thought;
        private String responseId;
        private final ConversationSkills skills = new ConversationSkills();
        private SystemPromptEvent systemPrompt;
        private int systemMessageAt = -1;

        Builder(boolean vision) {
            this.vision = vision;
        }

        void add(ConversationEvent event) {
            skills.apply(event);
            switch (event.payload()) {
                case SystemPromptEvent prompt -> {
                    flush();
                    systemPrompt = prompt;
                    systemMessageAt = messages.size();
                    messages.add(SystemMessage.from(prompt.systemPrompt()));
                }
                case MessageEvent message -> {
                    flush();
                    messages.add(event.source() == EventSource.USER
                            ? UserMessage.from(SkillPrompt.userMessage(message, skills))
                            : AiMessage.from(message.content()));
                }
                case SkillsLoadedEvent loaded when !SkillPrompt.activatedAtLoad(loaded, skills).isEmpty() -> {
                    flush();
                    messages.add(UserMessage.from(SkillPrompt.activatedAtLoad(loaded, skills)));
                }
                case ActionEvent action -> {
                    startCall(action.llmResponseId(), action.thought());
                    calls.add(ToolExecutionRequest.builder().id(action.toolCallId()).name(action.toolName())
                            .arguments(action.arguments().toString()).build());
                }
                case ObservationEvent observation -> {
                    results.add(ToolExecutionResultMessage.from(observation.toolCallId(), observation.toolName(),
                            observation.content()));
                    if (vision) {
                        images.addAll(ObservationImages.contents(observation));
                    }
                }
                case UserRejectObservation rejection -> results.add(ToolExecutionResultMessage.from(
                        rejection.toolCallId(), rejection.toolName(),
                        "The user rejected this action." + (rejection.rejectionReason().isBlank() ? ""
                                : " Reason: " + rejection.rejectionReason())));
                case CondensationEvent condensation when condensation.summary() != null -> {
                    flush();
                    messages.add(UserMessage.from(SUMMARY_INTRO + condensation.summary()));
                }
                case RepositoryClonedEvent cloned -> {
                    flush();
                    messages.add(UserMessage.from(RepositoryNote.of(cloned)));
                }
                case AgentErrorEvent error when error.toolCallId() != null -> {
                    boolean known = calls.stream().anyMatch(c -> c.id().equals(error.toolCallId()));
                    if (!known) {
                        // a call that never became an action: it belongs to the response being built
                        if (calls.isEmpty() && !results.isEmpty()) {
                            flush();
                        }
                        calls.add(ToolExecutionRequest.builder().id(error.toolCallId())
                                .name(error.toolName() == null ? "unknown" : error.toolName())
                                .arguments(NO_ARGUMENTS).build());
                    }
                    results.add(ToolExecutionResultMessage.from(error.toolCallId(),
                            error.toolName() == null ? "unknown" : error.toolName(), "Error: " + error.error()));
                }
                default -> {
                    // status updates, pauses and LLM failures are not part of the chat
                }
            }
        }

        private void startCall(String llmResponseId, String callThought) {
            boolean sameResponse = !calls.isEmpty() && Objects.equals(responseId, llmResponseId)
                    && results.isEmpty();
            if (!sameResponse) {
                flush();
                responseId = llmResponseId;
                thought = callThought;
            }
        }

        private void flush() {
            if (!calls.isEmpty()) {
                messages.add(thought == null || thought.isBlank() ? AiMessage.from(List.copyOf(calls))
                        : AiMessage.from(thought, List.copyOf(calls)));
                messages.addAll(results);
                if (!images.isEmpty()) {
                    messages.add(ObservationImages.message(images));
                }
            }
            calls.clear();
            results.clear();
            images.clear();
            thought = null;
            responseId = null;
        }

        List<ChatMessage> finish() {
            flush();
            if (systemMessageAt >= 0) {
                messages.set(systemMessageAt, SystemMessage.from(SkillPrompt.system(systemPrompt.systemPrompt(),
                        skills.alwaysOn())));
            }
            return messages;
        }
    }
}
