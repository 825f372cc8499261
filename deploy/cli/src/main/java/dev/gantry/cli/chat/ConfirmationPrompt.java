package dev.gantry.cli.chat;

import dev.gantry.cli.EventLine;
import dev.gantry.contracts.event.ActionEvent;
import java.util.List;

/** The question {@code gantry chat} asks when the agent waits for confirmation: each action and its risk. */
final class ConfirmationPrompt {

    private ConfirmationPrompt() {
    }

    static String render(List<ActionEvent> actions) {
        StringBuilder prompt = new StringBuilder();
        if (actions.isEmpty()) {
            prompt.append("the agent waits for confirmation of actions older than the history shown"
                    + " (gantry chat --history N shows more)\n");
        } else {
            prompt.append(actions.size() == 1 ? "the agent asks before it acts:\n"
                    : "the agent asks before " + actions.size() + " actions:\n");
            int number = 1;
            for (ActionEvent action : actions) {
                String[] lines = EventLine.command(action).split("\n");
                prompt.append(actions.size() == 1 ? "  " : String.format("  %d. ", number++)).append(lines[0]);
                for (int i = 1; i < lines.length; i++) {
                    prompt.append("\n     ").append(lines[i]);
                }
                prompt.append("\n     risk: ").append(EventLine.risk(action)).append('\n');
            }
        }
        return prompt.append(actions.size() > 1 ? "allow them all? [y/n] " : "allow it? [y/n] ").toString();
    }
}
