package dev.gantry.runtime.editor;

import java.nio.file.Path;
import java.util.Optional;

/** A validated file-editor request; {@code path} is already resolved and confined. */
public sealed interface EditorCommand {

    Path path();

    /** The name the command has on the wire. */
    String name();

    /** Shows a file with line numbers (optionally lines {@code from..to}, {@code to} -1 = end) or lists a directory. */
    record View(Path path, Optional<LineRange> range) implements EditorCommand {
        public String name() {
            return "view";
        }
    }

    record Create(Path path, String fileText) implements EditorCommand {
        public String name() {
            return "create";
        }
    }

    record StrReplace(Path path, String oldStr, String newStr) implements EditorCommand {
        public String name() {
            return "str_replace";
        }
    }

    /** Inserts {@code newStr} after line {@code insertLine} (0 = at the top). */
    record Insert(Path path, int insertLine, String newStr) implements EditorCommand {
        public String name() {
            return "insert";
        }
    }

    record UndoEdit(Path path) implements EditorCommand {
        public String name() {
            return "undo_edit";
        }
    }

    /** Lines {@code from} to {@code to}, 1-based and inclusive; {@code to} is -1 for "to the end". */
    record LineRange(int from, int to) {
        public static final int TO_END = -1;
    }
}
