package dev.gantry.integrations.resolver;

import dev.gantry.integrations.git.provider.ItemRef;

/**
 * What a delivery asks of the agent: the issue or pull request it is about (title and body), the instructions of
 * the comment that mentioned the agent (null for a label), and a pull request's branch when the payload tells it.
 */
public record Trigger(ItemRef item, String title, String body, String instructions, String branch) {
}
