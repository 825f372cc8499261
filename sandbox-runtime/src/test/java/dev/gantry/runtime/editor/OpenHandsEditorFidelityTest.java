package dev.gantry.runtime.editor;

import static dev.gantry.runtime.RuntimeApi.editor;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gantry.runtime.config.RuntimeConfig;
import dev.gantry.runtime.security.PathConfinement;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The editor behaves as OpenHands' file_editor does (openhands-tools/openhands/tools/file_editor/editor.py);
 * each test names the OpenHands test or code it follows.
 */
@QuarkusTest
class OpenHandsEditorFidelityTest {

    @Inject
    PathConfinement paths;

    @Inject
    RuntimeConfig config;

    private Path dir;

    @BeforeEach
    void testDirectory(TestInfo test) throws IOException {
        dir = paths.workspace().resolve("fidelity").resolve(test.getTestMethod().orElseThrow().getName());
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        EditorResourceTest.clearHistory(paths.workspace());
    }

    @Test
    @DisplayName("editor.py __call__: str_replace without new_str is refused (EditorToolParameterMissingError), nothing deleted")
    void strReplaceWithoutNewStrIsRefused() throws IOException {
        Path file = write("keep.py", "def f():\n    return 1\n");
        editor(Map.of("command", "str_replace", "path", file.toString(), "oldStr", "    return 1\n"))
                .statusCode(400)
                .body("errors[0].field", is("newStr"))
                .body("errors[0].reason", is("Parameter `new_str` is required for command: str_replace."));
        assertEquals("def f():\n    return 1\n", Files.readString(file));
    }

    @Test
    @DisplayName("test_str_replace_with_empty_new_str: an empty new_str deletes old_str")
    void emptyNewStrDeletes() throws IOException {
        Path file = write("delete.txt", "keep\ndrop\nkeep too\n");
        editor(Map.of("command", "str_replace", "path", file.toString(), "oldStr", "drop\n", "newStr", ""))
                .statusCode(200);
        assertEquals("keep\nkeep too\n", Files.readString(file));
    }

    @Test
    @DisplayName("test_str_replace_fallback_preserves_new_str_whitespace: old_str is retried stripped, new_str kept as given")
    void oldStrIsRetriedWithoutSurroundingWhitespace() throws IOException {
        Path file = write("strip.md", "title\nbody text\nend\n");
        editor(Map.of("command", "str_replace", "path", file.toString(), "oldStr", "\n  body text  \n\n",
                "newStr", "new body  "))
                .statusCode(200)
                .body("output", allOf(startsWith("The file " + file + " has been edited. Here's the result of running"
                        + " `cat -n` on a snippet of " + file + ":\n"), endsWith("Review the changes and make sure they"
                        + " are as expected. Edit the file again if necessary.")));
        assertEquals("title\nnew body  \nend\n", Files.readString(file));
        editor(Map.of("command", "str_replace", "path", file.toString(), "oldStr", "  absent  ", "newStr", "x"))
                .statusCode(422)
                .body("detail", is("No replacement was performed, old_str `absent` did not appear verbatim in "
                        + file + "."));
    }

    @Test
    @DisplayName("test_str_replace_error_multiple_occurrences and test_str_replace_new_str_and_old_str_same: OpenHands' messages")
    void replaceRefusalsUseOpenHandsWording() throws IOException {
        Path file = write("many.txt", "x = 1\ny = 2\nx = 1\n");
        editor(Map.of("command", "str_replace", "path", file.toString(), "oldStr", "x = 1", "newStr", "x = 9"))
                .statusCode(422)
                .body("detail", is("No replacement was performed. Multiple occurrences of old_str `x = 1` in lines"
                        + " [1, 3]. Please ensure it is unique."));
        editor(Map.of("command", "str_replace", "path", file.toString(), "oldStr", "y = 2", "newStr", "y = 2"))
                .statusCode(422)
                .body("detail", is("Invalid `new_str` parameter: y = 2. No replacement was performed. `new_str` and"
                        + " `old_str` must be different."));
        editor(Map.of("command", "create", "path", file.toString(), "fileText", "x"))
                .statusCode(409)
                .body("detail", is("Invalid `path` parameter: " + file + ". File already exists at: " + file
                        + ". Cannot overwrite files using command `create`."));
        editor(Map.of("command", "insert", "path", file.toString(), "insertLine", 7, "newStr", "x"))
                .statusCode(400)
                .body("errors[0].reason", is("Invalid `insert_line` parameter: 7. It should be within the range of"
                        + " allowed values: [0, 3]"));
        editor(Map.of("command", "insert", "path", dir.toString(), "insertLine", 0, "newStr", "x"))
                .statusCode(422)
                .body("detail", is("Invalid `path` parameter: " + dir + ". The path " + dir + " is a directory and"
                        + " only the `view` command can be used on directories."));
    }

    @Test
    @DisplayName("test_view_directory_with_hidden_files: the listing says how many hidden entries it left out")
    void directoryViewCountsHiddenEntries() throws IOException {
        write("visible.txt", "");
        write("sub/inner.txt", "");
        write(".env", "");
        write(".git/config", "");
        editor(Map.of("command", "view", "path", dir.toString()))
                .statusCode(200)
                .body("output", is("Here's the files and directories up to 2 levels deep in " + dir
                        + ", excluding hidden items:\n" + dir + "/\n" + dir + "/sub/\n" + dir + "/sub/inner.txt\n"
                        + dir + "/visible.txt\n\n2 hidden files/directories in this directory are excluded. You can"
                        + " use 'ls -la " + dir + "' to see them."));
    }

    @Test
    @DisplayName("test_view_range_validation: an end past the file is shortened with OpenHands' NOTE")
    void viewRangePastTheEndSaysSo() throws IOException {
        Path file = write("short.txt", "a\nb\nc\n");
        editor(Map.of("command", "view", "path", file.toString(), "viewRange", List.of(2, 10)))
                .statusCode(200)
                .body("output", is("NOTE: We only show up to 3 since there're only 3 lines in this file.\n"
                        + "Here's the result of running `cat -n` on " + file + ":\n     2\tb\n     3\tc\n"));
        editor(Map.of("command", "view", "path", file.toString(), "viewRange", List.of(5, 6)))
                .statusCode(400)
                .body("errors[0].reason", is("Invalid `view_range` parameter: [5, 6]. Its first element `5` should be"
                        + " within the range of lines of the file: [1, 3]."));
        editor(Map.of("command", "view", "path", file.toString(), "viewRange", List.of(3, 2)))
                .statusCode(400)
                .body("errors[0].reason", is("Invalid `view_range` parameter: [3, 2]. Its second element `2` should be"
                        + " greater than or equal to the first element `3`."));
    }

    @Test
    @DisplayName("test_view_image_file_returns_image_content: an image is returned as a data URL, not refused as binary")
    void viewOfAnImageReturnsTheImage() throws IOException {
        byte[] png = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
                + "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        Path file = dir.resolve("pixel.png");
        Files.write(file, png);
        editor(Map.of("command", "view", "path", file.toString()))
                .statusCode(200)
                .body("output", is("Image file " + file + " read successfully. Displaying image content."))
                .body("image", is("data:image/png;base64," + Base64.getEncoder().encodeToString(png)));
        Path text = write("plain.txt", "x\n");
        editor(Map.of("command", "view", "path", text.toString())).statusCode(200).body("image", nullValue());
    }

    @Test
    @DisplayName("test_file_validation: binary and oversized files are refused with OpenHands' validation messages")
    void binaryFilesAreRefusedWithOpenHandsMessage() throws IOException {
        Path file = dir.resolve("blob.bin");
        Files.write(file, new byte[] {0, 1, 2, (byte) 0xff});
        editor(Map.of("command", "view", "path", file.toString()))
                .statusCode(422)
                .body("detail", is("File validation failed for " + file + ": File appears to be binary and this file"
                        + " type cannot be read or edited by this tool."));
    }

    @Test
    @DisplayName("editor.py create: add_history(path, file_text), so undo_edit right after create restores the created text")
    void undoAfterCreateRestoresTheCreatedText() throws IOException {
        Path file = dir.resolve("made.txt");
        editor(Map.of("command", "create", "path", file.toString(), "fileText", "created\n")).statusCode(200);
        editor(Map.of("command", "undo_edit", "path", file.toString()))
                .statusCode(200)
                .body("output", is("Last edit to " + file + " undone successfully. Here's the result of running"
                        + " `cat -n` on " + file + ":\n     1\tcreated\n"));
        assertEquals("created\n", Files.readString(file));
        editor(Map.of("command", "undo_edit", "path", file.toString()))
                .statusCode(409)
                .body("detail", is("No edit history found for " + file + "."));
    }

    @Test
    @DisplayName("insert answers with OpenHands' snippet header and review notice")
    void insertUsesOpenHandsWording() throws IOException {
        Path file = write("ins.txt", "one\ntwo\n");
        editor(Map.of("command", "insert", "path", file.toString(), "insertLine", 1, "newStr", "between"))
                .statusCode(200)
                .body("output", is("The file " + file + " has been edited. Here's the result of running `cat -n` on"
                        + " a snippet of the edited file:\n     1\tone\n     2\tbetween\n     3\ttwo\nReview the"
                        + " changes and make sure they are as expected (correct indentation, no duplicate lines, etc)."
                        + " Edit the file again if necessary."));
    }

    @Test
    @DisplayName("the undo history is on disk: an editor started afresh (a resumed sandbox) undoes the old one's edit")
    void undoSurvivesARestartOfTheRuntime() throws IOException {
        Path file = write("paused.txt", "before\n");
        editor(Map.of("command", "str_replace", "path", file.toString(), "oldStr", "before", "newStr", "after"))
                .statusCode(200);
        assertEquals("after\n", Files.readString(file));

        FileEditor afterResume = new FileEditor(config);
        afterResume.execute(new EditorCommand.UndoEdit(file));
        assertEquals("before\n", Files.readString(file));
        Path history = config.editor().historyDir().orElse(paths.workspace().resolve(".gantry/editor-history"));
        assertEquals("*\n", Files.readString(history.resolve(".gitignore")), "git leaves the history alone");
    }

    @Test
    @DisplayName("a view of an unchanged file keeps no history (only edits are recorded)")
    void viewRecordsNoHistory() throws IOException {
        Path file = write("viewed.txt", "x\n");
        editor(Map.of("command", "view", "path", file.toString())).statusCode(200);
        editor(Map.of("command", "undo_edit", "path", file.toString())).statusCode(409);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
