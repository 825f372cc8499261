package dev.gantry.contracts.event;

import static dev.gantry.contracts.RequiredFields.requireText;

/**
 * What the conversation's budgets can hold, said once when it starts where a user would otherwise be misled: the
 * platform has no price for the model, so its cost is not counted and a cost budget cannot stop it.
 *
 * @param model  the model the notice is about
 * @param notice what holds and what does not, in a sentence for the user
 */
public record BudgetNoticeEvent(String model, String notice) implements EventPayload {

    public BudgetNoticeEvent {
        requireText(model, "model");
        requireText(notice, "notice");
    }
}
