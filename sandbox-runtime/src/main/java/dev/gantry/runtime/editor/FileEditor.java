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
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The file editor tool with OpenHands' semantics: view with line numbers, create without overwriting,
 * replace a unique string, insert after a line, and undo per file. Edits are answered with a numbered
 * snippet of the changed region, which is what a model checks its work against.
 */
@ApplicationScoped
public class FileEditor {

    private static final String CLIPPED_NOTICE = "<response clipped><NOTE>This output was cut because it is too"
            + " long. Find what you need with `grep -n` in the terminal, then view those lines with viewRange."
            + "</NOTE>";
    private static final String REVIEW_NOTICE = "Check that the change is what you intended; edit the file again"
            + " if it is not.";

    private final RuntimeConfig.Editor config;
    /** Earlier contents per file, newest first; empty when the edit created the file. */
    private final Map<Path, Deque<Optional<String>>> history = new HashMap<>();

    FileEditor(RuntimeConfig config) {
        this.config = config.editor();
    }

    public synchronized EditorResult execute(EditorCommand command) {
        Path path = command.path();
        Answer answer = switch (command) {
            case EditorCommand.View view -> Files.isDirectory(path) ? viewDirectory(view) : viewFile(view);
            case EditorCommand.Create create -> create(create);
            case EditorCommand.StrReplace replace -> replace(replace);
            case EditorCommand.Insert insert -> insert(insert);
            case EditorCommand.UndoEdit undo -> undo(undo);
        };
        return new EditorResult(command.name(), path.toString(), clip(answer.output()), answer.diff());
    }

    /** The text for the model, and the diff when the file changed. */
    private record Answer(String output, String diff) {
    }

    private Answer viewFile(EditorCommand.View view) {
        FileText file = read(view.path());
        int count = file.lineCount();
        int from = 1;
        int to = count;
        if (view.range().isPresent()) {
            EditorCommand.LineRange range = view.range().get();
            if (range.from() < 1 || range.from() > Math.max(count, 1)) {
                throw ApiProblem.invalidField("viewRange", "starts at line " + range.from()
                        + ", but the file has lines 1 to " + count);
            }
            if (range.to() != EditorCommand.LineRange.TO_END && range.to() < range.from()) {
                throw ApiProblem.invalidField("viewRange", "ends at line " + range.to()
                        + ", before its start " + range.from() + " (use -1 for the end of the file)");
            }
            from = range.from();
            to = range.to() == EditorCommand.LineRange.TO_END ? count : Math.min(range.to(), count);
        }
        return new Answer("Here's the result of running `cat -n` on " + view.path() + ":\n"
                + file.numbered(from, to), null);
    }

    private Answer viewDirectory(EditorCommand.View view) {
        if (view.range().isPresent()) {
            throw ApiProblem.invalidField("viewRange", "applies to files, and " + view.path() + " is a directory");
        }
        List<String> entries = new ArrayList<>();
        try {
            Files.walkFileTree(view.path(), EnumSet.noneOf(FileVisitOption.class),
                    config.directoryDepth(), new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (!dir.equals(view.path()) && isHidden(dir)) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            entries.add(dir + "/");
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (!isHidden(file)) {
                                entries.add(attrs.isDirectory() ? file + "/" : file.toString());
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            entries.add(file + " (unreadable: " + e.getMessage() + ")");
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.sort(null);
        return new Answer("Here are the files and directories up to " + config.directoryDepth() + " levels deep in "
                + view.path() + ", hidden items excluded:\n" + String.join("\n", entries) + "\n", null);
    }

    private Answer create(EditorCommand.Create create) {
        Path path = create.path();
        if (Files.exists(path)) {
            throw ApiProblem.conflict("path", "A file already exists at " + path
                    + "; create does not overwrite. Use str_replace or insert to change it.");
        }
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(path, create.fileText());
        remember(path, Optional.empty());
        return new Answer("File created successfully at: " + path, diff(path, "", create.fileText()));
    }

    private Answer replace(EditorCommand.StrReplace replace) {
        Path path = replace.path();
        FileText file = read(requireFile(path));
        if (replace.oldStr().equals(replace.newStr())) {
            throw ApiProblem.unprocessable("newStr", "No replacement was performed: newStr is the same as oldStr.");
        }
        String text = file.text();
        List<Integer> lines = new ArrayList<>();
        int first = text.indexOf(replace.oldStr());
        for (int at = first; at >= 0; at = text.indexOf(replace.oldStr(), at + replace.oldStr().length())) {
            lines.add(file.lineAt(at));
        }
        if (lines.isEmpty()) {
            throw ApiProblem.unprocessable("oldStr", "No replacement was performed: oldStr did not appear"
                    + " verbatim in " + path + ".");
        }
        if (lines.size() > 1) {
            throw ApiProblem.unprocessable("oldStr", "No replacement was performed: oldStr occurs " + lines.size()
                    + " times in " + path + ", on lines " + lines + ". Include more surrounding lines so it is unique.");
        }
        String edited = text.substring(0, first) + replace.newStr() + text.substring(first + replace.oldStr().length());
        String diff = commit(path, text, edited);
        int editLine = lines.getFirst();
        return new Answer(edited(path, new FileText(edited), editLine,
                editLine + FileText.newlines(replace.newStr())), diff);
    }

    private Answer insert(EditorCommand.Insert insert) {
        Path path = insert.path();
        FileText file = read(requireFile(path));
        int count = file.lineCount();
        if (insert.insertLine() < 0 || insert.insertLine() > count) {
            throw ApiProblem.invalidField("insertLine", "is " + insert.insertLine()
                    + ", but it must be between 0 and the file's line count " + count);
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
        return new Answer(edited(path, new FileText(edited), insert.insertLine() + 1,
                insert.insertLine() + added.size()), diff);
    }

    private Answer undo(EditorCommand.UndoEdit undo) {
        Path path = undo.path();
        Deque<Optional<String>> versions = history.get(path);
        if (versions == null || versions.isEmpty()) {
            throw ApiProblem.conflict("path", "No edit history found for " + path + ".");
        }
        Optional<String> previous = versions.pop();
        String current = Files.exists(path) ? read(path).text() : "";
        String diff = diff(path, current, previous.orElse(""));
        if (previous.isEmpty()) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Answer("Last edit to " + path
                    + " undone successfully: the file did not exist before it and is removed.", diff);
        }
        write(path, previous.get());
        FileText restored = new FileText(previous.get());
        return new Answer("Last edit to " + path + " undone successfully. Here's the result of running `cat -n` on "
                + path + ":\n" + restored.numbered(1, restored.lineCount()), diff);
    }

    private String edited(Path path, FileText file, int firstChangedLine, int lastChangedLine) {
        int context = config.snippetContextLines();
        return "The file " + path + " has been edited. Here's the result of running `cat -n` on a snippet of "
                + path + ":\n" + file.numbered(firstChangedLine - context, lastChangedLine + context)
                + REVIEW_NOTICE;
    }

    /** Writes the new content, keeps the old one for undo, and returns the diff. */
    private String commit(Path path, String before, String after) {
        write(path, after);
        remember(path, Optional.of(before));
        return diff(path, before, after);
    }

    private void remember(Path path, Optional<String> previous) {
        Deque<Optional<String>> versions = history.computeIfAbsent(path, p -> new ArrayDeque<>());
        versions.push(previous);
        while (versions.size() > config.maxUndoDepth()) {
            versions.removeLast();
        }
    }

    private String diff(Path path, String before, String after) {
        List<String> old = new FileText(before).lines();
        List<String> changed = new FileText(after).lines();
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(path.toString(), path.toString(), old,
                DiffUtils.diff(old, changed), config.snippetContextLines()));
    }

    private static Path requireFile(Path path) {
        if (Files.isDirectory(path)) {
            throw ApiProblem.unprocessable("path", path + " is a directory; only view works on directories.");
        }
        return path;
    }

    /** Reads a text file; missing, oversized and binary files are refused. */
    private FileText read(Path path) {
        if (!Files.exists(path)) {
            throw ApiProblem.notFound("path", path.toString());
        }
        try {
            long size = Files.size(path);
            if (size > config.maxFileSize().asLongValue()) {
                throw ApiProblem.unprocessable("path", path + " has " + size + " bytes, more than the editor's limit of "
                        + config.maxFileSize().asLongValue() + "; read parts of it in the terminal instead.");
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

    private static ApiProblem binary(Path path) {
        return ApiProblem.unprocessable("path", path + " is a binary file (not UTF-8 text); the editor only"
                + " views and edits text.");
    }

    private static void write(Path path, String text) {
        try {
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String clip(String output) {
        return output.length() <= config.maxResponseChars()
                ? output
                : output.substring(0, config.maxResponseChars()) + CLIPPED_NOTICE;
    }

    private static boolean isHidden(Path path) {
        return path.getFileName() != null && path.getFileName().toString().startsWith(".");
    }
}
