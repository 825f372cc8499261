package dev.gantry.runtime.editor;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.gantry.runtime.config.RuntimeConfig;
import dev.gantry.runtime.rest.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The file editor tool with OpenHands' semantics and wording (openhands-tools, file_editor/editor.py):
 * view with line numbers, create without overwriting, replace a unique string, insert after a line, and
 * undo per file. Edits are answered with a numbered snippet of the changed region, which is what a model
 * checks its work against. The undo history is kept on disk in the workspace, so it survives a pause.
 */
@ApplicationScoped
public class FileEditor {

    private static final String REVIEW_NOTICE = "Review the changes and make sure they are as expected. Edit the"
            + " file again if necessary.";
    private static final String INSERT_REVIEW_NOTICE = "Review the changes and make sure they are as expected"
            + " (correct indentation, no duplicate lines, etc). Edit the file again if necessary.";
    /** The image types OpenHands' editor shows as images rather than refusing as binary. */
    private static final Map<String, String> IMAGE_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg",
            "jpeg", "image/jpeg", "gif", "image/gif", "webp", "image/webp", "bmp", "image/bmp");
    private static final long MEGABYTE = 1024 * 1024;

    private final RuntimeConfig.Editor config;
    private final EditorHistory history;

    FileEditor(RuntimeConfig config) {
        this.config = config.editor();
        this.history = new EditorHistory(config.editor().historyDir()
                .orElse(config.workspace().resolve(".gantry").resolve("editor-history")),
                config.editor().maxUndoDepth());
    }

    public synchronized EditorResult execute(EditorCommand command) {
        Path path = command.path();
        validatePath(command);
        return switch (command) {
            case EditorCommand.View view -> Files.isDirectory(path) ? viewDirectory(view) : viewFile(view);
            case EditorCommand.Create create -> create(create);
            case EditorCommand.StrReplace replace -> replace(replace);
            case EditorCommand.Insert insert -> insert(insert);
            case EditorCommand.UndoEdit undo -> undo(undo);
        };
    }

    /** OpenHands' validate_path: create never overwrites, the rest need the path, and only view takes a directory. */
    private static void validatePath(EditorCommand command) {
        Path path = command.path();
        if (command instanceof EditorCommand.Create && Files.exists(path)) {
            throw ApiProblem.conflict("path", invalid("path", path, "File already exists at: " + path
                    + ". Cannot overwrite files using command `create`."));
        }
        if (!(command instanceof EditorCommand.Create) && !Files.exists(path)) {
            throw ApiProblem.notFound("path", path.toString());
        }
        if (!(command instanceof EditorCommand.View) && Files.isDirectory(path)) {
            throw ApiProblem.unprocessable("path", invalid("path", path, "The path " + path
                    + " is a directory and only the `view` command can be used on directories."));
        }
    }

    /** OpenHands' EditorToolParameterInvalidError message. */
    static String invalid(String parameter, Object value, String hint) {
        return "Invalid `" + parameter + "` parameter: " + value + ". " + hint;
    }

    private EditorResult viewFile(EditorCommand.View view) {
        Path path = view.path();
        String type = IMAGE_TYPES.get(extension(path));
        if (type != null) {
            return viewImage(path, type);
        }
        FileText file = read(path);
        int count = file.lineCount();
        String header = "Here's the result of running `cat -n` on " + path + ":\n";
        if (view.range().isEmpty()) {
            return answer(view, header + clipNumbered(file.numbered(1, count)), null);
        }
        EditorCommand.LineRange range = view.range().get();
        String shown = "[" + range.from() + ", " + range.to() + "]";
        if (range.from() < 1 || range.from() > count) {
            throw ApiProblem.invalidField("viewRange", invalid("view_range", shown, "Its first element `"
                    + range.from() + "` should be within the range of lines of the file: [1, " + count + "]."));
        }
        String note = "";
        int to = range.to();
        if (to == EditorCommand.LineRange.TO_END) {
            to = count;
        } else if (to > count) {
            note = "NOTE: We only show up to " + count + " since there're only " + count + " lines in this file.\n";
            to = count;
        }
        if (to < range.from()) {
            throw ApiProblem.invalidField("viewRange", invalid("view_range", shown, "Its second element `" + to
                    + "` should be greater than or equal to the first element `" + range.from() + "`."));
        }
        return answer(view, note + header + clipNumbered(file.numbered(range.from(), to)), null);
    }

    private EditorResult viewImage(Path path, String type) {
        try {
            long size = Files.size(path);
            if (size > config.maxFileSize().asLongValue()) {
                throw tooLarge(path, size);
            }
            String data = Base64.getEncoder().encodeToString(Files.readAllBytes(path));
            return new EditorResult("view", path.toString(),
                    "Image file " + path + " read successfully. Displaying image content.", null,
                    "data:" + type + ";base64," + data);
        } catch (IOException e) {
            throw ApiProblem.unprocessable("path", "Failed to read image file " + path + ": " + e.getMessage());
        }
    }

    /**
     * OpenHands' directory view: the directory, then each visible entry followed by its visible children
     * (two levels), and a count of the hidden entries at the top level with how to see them.
     */
    private EditorResult viewDirectory(EditorCommand.View view) {
        Path root = view.path();
        if (view.range().isPresent()) {
            EditorCommand.LineRange range = view.range().get();
            throw ApiProblem.invalidField("viewRange", invalid("view_range", "[" + range.from() + ", " + range.to()
                    + "]", "The `view_range` parameter is not allowed when `path` points to a directory."));
        }
        List<String> entries = new ArrayList<>();
        entries.add(root + "/");
        long hidden;
        try (Stream<Path> children = Files.list(root)) {
            hidden = children.filter(FileEditor::isHidden).count();
        } catch (IOException e) {
            throw ApiProblem.unprocessable("path", e.toString());
        }
        list(root, root, 1, entries);
        StringBuilder text = new StringBuilder("Here's the files and directories up to ")
                .append(config.directoryDepth()).append(" levels deep in ").append(root)
                .append(", excluding hidden items:\n").append(String.join("\n", entries));
        if (hidden > 0) {
            text.append("\n\n").append(hidden).append(" hidden files/directories in this directory are excluded."
                    + " You can use 'ls -la ").append(root).append("' to see them.");
        }
        return answer(view, Clipping.clip(text.toString(), config.maxResponseChars(), Clipping.DIRECTORY_NOTICE),
                null);
    }

    private void list(Path root, Path dir, int depth, List<String> entries) {
        List<Path> children;
        try (Stream<Path> listing = Files.list(dir)) {
            children = listing.filter(p -> !isHidden(p)).sorted().toList();
        } catch (IOException e) {
            return;
        }
        for (Path child : children) {
            boolean directory = Files.isDirectory(child);
            entries.add(root + "/" + root.relativize(child) + (directory ? "/" : ""));
            if (directory && depth < config.directoryDepth()) {
                list(root, child, depth + 1, entries);
            }
        }
    }

    /**
     * Creates the file; unlike OpenHands, missing parent directories are created too. The created text is
     * kept as the file's first history entry, so that undo right after create restores it, as OpenHands does.
     */
    private EditorResult create(EditorCommand.Create create) {
        Path path = create.path();
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(path, create.fileText());
        history.push(path, create.fileText());
        return answer(create, "File created successfully at: " + path, diff(path, "", create.fileText()));
    }

    private EditorResult replace(EditorCommand.StrReplace replace) {
        Path path = replace.path();
        if (replace.oldStr().equals(replace.newStr())) {
            throw ApiProblem.unprocessable("newStr", invalid("new_str", replace.newStr(),
                    "No replacement was performed. `new_str` and `old_str` must be different."));
        }
        FileText file = read(path);
        String text = file.text();
        String oldStr = replace.oldStr();
        List<Integer> starts = occurrences(text, oldStr);
        if (starts.isEmpty()) {
            // as OpenHands: the match is tried again without surrounding whitespace (new_str is kept as given)
            oldStr = oldStr.strip();
            starts = occurrences(text, oldStr);
            if (starts.isEmpty()) {
                throw ApiProblem.unprocessable("oldStr", "No replacement was performed, old_str `" + oldStr
                        + "` did not appear verbatim in " + path + ".");
            }
        }
        if (starts.size() > 1) {
            List<Integer> lines = starts.stream().map(file::lineAt).distinct().sorted().toList();
            throw ApiProblem.unprocessable("oldStr", "No replacement was performed. Multiple occurrences of old_str `"
                    + oldStr + "` in lines " + lines + ". Please ensure it is unique.");
        }
        int first = starts.getFirst();
        String edited = text.substring(0, first) + replace.newStr() + text.substring(first + oldStr.length());
        String diff = commit(path, text, edited);
        int editLine = file.lineAt(first);
        return answer(replace, edited(path, "a snippet of " + path, new FileText(edited), editLine,
                editLine + FileText.newlines(replace.newStr())) + REVIEW_NOTICE, diff);
    }

    private static List<Integer> occurrences(String text, String part) {
        List<Integer> starts = new ArrayList<>();
        if (part.isEmpty()) {
            return starts;
        }
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            starts.add(at);
        }
        return starts;
    }

    private EditorResult insert(EditorCommand.Insert insert) {
        Path path = insert.path();
        FileText file = read(path);
        int count = file.lineCount();
        if (insert.insertLine() < 0 || insert.insertLine() > count) {
            throw ApiProblem.invalidField("insertLine", invalid("insert_line", insert.insertLine(),
                    "It should be within the range of allowed values: [0, " + count + "]"));
        }
        String block = insert.newStr().endsWith("\n")
                ? insert.newStr().substring(0, insert.newStr().length() - 1)
                : insert.newStr();
        List<String> lines = new ArrayList<>(file.lines());
        List<String> added = List.of(block.split("\n", -1));
        lines.addAll(insert.insertLine(), added);
        boolean finalNewline = file.text().isEmpty() || file.endsWithNewline();
        String edited = String.join("\n", lines) + (finalNewline ? "\n" : "");
        String diff = commit(path, file.text(), edited);
        return answer(insert, edited(path, "a snippet of the edited file", new FileText(edited),
                insert.insertLine() + 1, insert.insertLine() + added.size()) + INSERT_REVIEW_NOTICE, diff);
    }

    private EditorResult undo(EditorCommand.UndoEdit undo) {
        Path path = undo.path();
        String current = read(path).text();
        Optional<String> previous = history.pop(path);
        if (previous.isEmpty()) {
            throw ApiProblem.conflict("path", "No edit history found for " + path + ".");
        }
        write(path, previous.get());
        FileText restored = new FileText(previous.get());
        return answer(undo, "Last edit to " + path + " undone successfully. Here's the result of running `cat -n` on "
                + path + ":\n" + clipNumbered(restored.numbered(1, restored.lineCount())),
                diff(path, current, previous.get()));
    }

    private static EditorResult answer(EditorCommand command, String output, String diff) {
        return new EditorResult(command.name(), command.path().toString(), output, diff);
    }

    private String edited(Path path, String what, FileText file, int firstChangedLine, int lastChangedLine) {
        int context = config.snippetContextLines();
        return "The file " + path + " has been edited. Here's the result of running `cat -n` on " + what + ":\n"
                + clipNumbered(file.numbered(firstChangedLine - context, lastChangedLine + context));
    }

    /**
     * Clips numbered lines with OpenHands' notice for files. OpenHands clips before numbering, which numbers
     * the kept tail from where the head stopped; clipping after keeps every shown number true.
     */
    private String clipNumbered(String numbered) {
        return Clipping.clip(numbered, config.maxResponseChars(), Clipping.FILE_NOTICE);
    }

    /** Writes the new content, keeps the old one for undo, and returns the diff. */
    private String commit(Path path, String before, String after) {
        write(path, after);
        history.push(path, before);
        return diff(path, before, after);
    }

    private String diff(Path path, String before, String after) {
        List<String> old = new FileText(before).lines();
        List<String> changed = new FileText(after).lines();
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(path.toString(), path.toString(), old,
                DiffUtils.diff(old, changed), config.snippetContextLines()));
    }

    /** Reads a text file; oversized and binary files are refused with OpenHands' file validation messages. */
    private FileText read(Path path) {
        try {
            long size = Files.size(path);
            if (size > config.maxFileSize().asLongValue()) {
                throw tooLarge(path, size);
            }
            byte[] bytes = Files.readAllBytes(path);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            if (text.indexOf('\0') >= 0) {
                throw binary(path);
            }
            return new FileText(text);
        } catch (CharacterCodingException e) {
            throw binary(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ApiProblem tooLarge(Path path, long size) {
        return ApiProblem.unprocessable("path", "File validation failed for " + path + ": File is too large ("
                + String.format(Locale.ROOT, "%.1f", size / (double) MEGABYTE) + "MB). Maximum allowed size is "
                + config.maxFileSize().asLongValue() / MEGABYTE + "MB.");
    }

    private static ApiProblem binary(Path path) {
        return ApiProblem.unprocessable("path", "File validation failed for " + path + ": File appears to be binary"
                + " and this file type cannot be read or edited by this tool.");
    }

    private static void write(Path path, String text) {
        try {
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String extension(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean isHidden(Path path) {
        return path.getFileName() != null && path.getFileName().toString().startsWith(".");
    }
}
