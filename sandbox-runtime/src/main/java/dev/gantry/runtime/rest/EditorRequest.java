package dev.gantry.runtime.rest;

import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.runtime.editor.EditorCommand;
import dev.gantry.runtime.editor.EditorCommand.LineRange;
import dev.gantry.runtime.security.PathConfinement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The body of {@code POST /api/v1/editor}; see ARCHITECTURE.md, "Sandbox runtime API". */
public record EditorRequest(String command, String path, String fileText, String oldStr, String newStr,
        Integer insertLine, List<Integer> viewRange) {

    private static final List<String> COMMANDS = List.of("view", "create", "str_replace", "insert", "undo_edit");

    /**
     * Checks that the fields the command needs are there, naming every missing one in one 400, then
     * resolves the path (which must be absolute, as for OpenHands' editor) inside the allowed roots.
     */
    EditorCommand validate(PathConfinement paths) {
        List<FieldError> errors = new ArrayList<>();
        if (command == null) {
            errors.add(new FieldError("command", "is required: one of " + COMMANDS));
        } else if (!COMMANDS.contains(command)) {
            errors.add(new FieldError("command", "must be one of " + COMMANDS + ", not " + command));
        }
        if (path == null || path.isBlank()) {
            errors.add(new FieldError("path", "is required"));
        }
        // the reasons are OpenHands' EditorToolParameterMissingError wording, which models know
        if ("create".equals(command) && fileText == null) {
            errors.add(missing("fileText", "file_text", command));
        }
        if ("str_replace".equals(command)) {
            if (oldStr == null || oldStr.isEmpty()) {
                errors.add(missing("oldStr", "old_str", command));
            }
            // a missing new_str is refused, never taken as "delete": OpenHands requires it too
            if (newStr == null) {
                errors.add(missing("newStr", "new_str", command));
            }
        }
        if ("insert".equals(command)) {
            if (insertLine == null) {
                errors.add(missing("insertLine", "insert_line", command));
            }
            if (newStr == null) {
                errors.add(missing("newStr", "new_str", command));
            }
        }
        if (viewRange != null && (viewRange.size() != 2 || viewRange.contains(null))) {
            errors.add(new FieldError("viewRange", "Invalid `view_range` parameter: " + viewRange
                    + ". It should be a list of two integers."));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidFields(errors);
        }
        Path resolved = paths.resolve("path", path, true);
        return switch (command) {
            case "view" -> new EditorCommand.View(resolved,
                    Optional.ofNullable(viewRange).map(r -> new LineRange(r.get(0), r.get(1))));
            case "create" -> new EditorCommand.Create(resolved, fileText);
            case "str_replace" -> new EditorCommand.StrReplace(resolved, oldStr, newStr);
            case "insert" -> new EditorCommand.Insert(resolved, insertLine, newStr);
            default -> new EditorCommand.UndoEdit(resolved);
        };
    }

    private static FieldError missing(String field, String parameter, String command) {
        return new FieldError(field, "Parameter `" + parameter + "` is required for command: " + command + ".");
    }
}
