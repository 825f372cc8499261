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
        if ("create".equals(command) && fileText == null) {
            errors.add(new FieldError("fileText", "is required by create"));
        }
        if ("str_replace".equals(command) && (oldStr == null || oldStr.isEmpty())) {
            errors.add(new FieldError("oldStr", "is required by str_replace and must not be empty"));
        }
        if ("insert".equals(command)) {
            if (insertLine == null) {
                errors.add(new FieldError("insertLine", "is required by insert"));
            }
            if (newStr == null) {
                errors.add(new FieldError("newStr", "is required by insert"));
            }
        }
        if (viewRange != null && (viewRange.size() != 2 || viewRange.contains(null))) {
            errors.add(new FieldError("viewRange", "must be two line numbers [start, end]; end -1 means the end"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidFields(errors);
        }
        Path resolved = paths.resolve("path", path, true);
        return switch (command) {
            case "view" -> new EditorCommand.View(resolved,
                    Optional.ofNullable(viewRange).map(r -> new LineRange(r.get(0), r.get(1))));
            case "create" -> new EditorCommand.Create(resolved, fileText);
            case "str_replace" -> new EditorCommand.StrReplace(resolved, oldStr, newStr == null ? "" : newStr);
            case "insert" -> new EditorCommand.Insert(resolved, insertLine, newStr);
            default -> new EditorCommand.UndoEdit(resolved);
        };
    }
}
