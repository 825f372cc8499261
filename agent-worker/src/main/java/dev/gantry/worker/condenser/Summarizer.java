package dev.gantry.worker.condenser;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.worker.llm.LlmCaller;
import dev.gantry.worker.llm.LlmReply;
import dev.gantry.worker.llm.LlmSettings;
import dev.langchain4j.data.message.UserMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Asks the conversation's own LLM for a summary of the events a condensation forgets: one user message, no
 * tools, as OpenHands' condenser does. The instructions are Gantry's own wording.
 */
@ApplicationScoped
public class Summarizer {

    static final String INSTRUCTIONS = """
            You keep the working memory of a software agent. The part of its history below no longer fits in \
            its context and is about to be dropped; an earlier summary may be part of it. Write the summary the \
            agent will read in its place, so that it can carry on as if it still saw those events. Use these \
            headings, leaving out a heading with nothing under it:

            GOAL: what the user asked for, with every requirement and clarification they gave.
            DONE: what has been done and found so far, with the results that matter.
            NEXT: what is still to be done.
            TASKS: the task list exactly as tracked, each task's id and status unchanged (only when tasks are tracked).
            CODE: files created or changed, and the functions, types and values the work depends on.
            CHECKS: tests and commands run, what failed and the error messages.
            REPOSITORY: branch, commits, pushes and pull requests, when there is a repository.

            Be brief and exact: keep names, paths, numbers and ids as they are, drop what does not bear on the \
            task. Answer with the summary alone.
            """;

    private final LlmCaller llm;
    private final CondenserConfig config;

    Summarizer(LlmCaller llm, CondenserConfig config) {
        this.llm = llm;
        this.config = config;
    }

    /** The LLM's answer; its text is the summary. */
    public LlmReply summarize(List<ConversationEvent> forgotten, LlmSettings settings) {
        return llm.chat(settings, List.of(UserMessage.from(prompt(forgotten, config.maxEventChars()))), List.of());
    }

    static String prompt(List<ConversationEvent> forgotten, int maxEventChars) {
        StringBuilder prompt = new StringBuilder(INSTRUCTIONS).append('\n');
        for (ConversationEvent event : forgotten) {
            prompt.append("<event>\n").append(EventText.of(event, maxEventChars)).append("\n</event>\n");
        }
        return prompt.toString();
    }
}
