package dev.gantry.worker.tools;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code task_tracker}: the agent's plan. The list lives in the conversation's state, which is
 * rebuilt from the log: the last successful {@code plan} call holds it.
 */
@Singleton
public final class TaskTrackerTool implements Tool {

    private static final Set<String> STATUSES = Set.of("todo", "in_progress", "done");

    @Override
    public String name() {
        return "task_tracker";
    }

    @Override
    public boolean actsOnSandbox() {
        return false;
    }

    @Override
    public ToolResult run(JsonNode arguments, ToolContext context) {
        Arguments args = new Arguments(name(), arguments);
        String command = args.requiredText("command");
        return switch (command) {
            case "view" -> ToolResult.of(render(context.tasks()));
            case "plan" -> {
                List<ToolContext.Task> tasks = parse(args.optionalArray("task_list")
                        .orElseThrow(() -> new ToolArgumentException("plan needs task_list, the whole new list")));
                yield ToolResult.of("The task list now has " + tasks.size() + " tasks.\n" + render(tasks));
            }
            default -> throw new ToolArgumentException("command must be view or plan, not " + command);
        };
    }

    /** The task list a {@code plan} call sets. */
    public static List<ToolContext.Task> parse(JsonNode taskList) {
        List<ToolContext.Task> tasks = new ArrayList<>();
        for (JsonNode task : taskList) {
            String title = task.path("title").asText("");
            String status = task.path("status").asText("todo");
            if (title.isBlank()) {
                throw new ToolArgumentException("every task needs a title");
            }
            if (!STATUSES.contains(status)) {
                throw new ToolArgumentException("a task's status is todo, in_progress or done, not " + status);
            }
            tasks.add(new ToolContext.Task(title, task.path("notes").asText(""), status));
        }
        return List.copyOf(tasks);
    }

    private static String render(List<ToolContext.Task> tasks) {
        if (tasks.isEmpty()) {
            return "The task list is empty.";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tasks.size(); i++) {
            ToolContext.Task task = tasks.get(i);
            text.append(i + 1).append(". [").append(task.status()).append("] ").append(task.title());
            if (!task.notes().isBlank()) {
                text.append(" — ").append(task.notes());
            }
            text.append('\n');
        }
        return text.toString().stripTrailing();
    }
}
