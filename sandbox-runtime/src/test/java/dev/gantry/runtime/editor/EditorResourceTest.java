package dev.gantry.runtime.editor;

import static dev.gantry.runtime.RuntimeApi.editor;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gantry.contracts.problem.Problem;
import dev.gantry.runtime.security.PathConfinement;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

@QuarkusTest
class EditorResourceTest {

    @Inject
    PathConfinement paths;

    private Path dir;

    @BeforeEach
    void testDirectory(TestInfo test) throws IOException {
        dir = paths.workspace().resolve("editor").resolve(test.getTestMethod().orElseThrow().getName());
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        clearHistory(paths.workspace());
    }

    /** The history is on disk in the workspace; a run must not find the files of an earlier run's tests. */
    static void clearHistory(Path workspace) throws IOException {
        Path history = workspace.resolve(".gantry/editor-history");
        if (Files.exists(history)) {
            try (var walk = Files.walk(history)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void viewShowsTheFileWithLineNumbers() throws IOException {
        Path file = write("a.txt", "alpha\nbeta\n");
        editor(Map.of("command", "view", "path", file.toString()))
                .statusCode(200)
                .body("output", is("Here's the result of running `cat -n` on " + file + ":\n"
                        + "     1\talpha\n     2\tbeta\n"));
    }

    @Test
    void viewRangeShowsOnlyThoseLinesAndMinusOneMeansTheEnd() throws IOException {
        Path file = write("range.txt", "l1\nl2\nl3\nl4\n");
        editor(Map.of("command", "view", "path", file.toString(), "viewRange", List.of(2, 3)))
                .statusCode(200)
                .body("output", endsWith("     2\tl2\n     3\tl3\n"));
        editor(Map.of("command", "view", "path", file.toString(), "viewRange", List.of(3, -1)))
                .statusCode(200)
                .body("output", endsWith("     3\tl3\n     4\tl4\n"));
        editor(Map.of("command", "view", "path", file.toString(), "viewRange", List.of(9, 10)))
                .statusCode(400)
                .body("errors[0].field", is("viewRange"));
    }

    @Test
    void viewOfADirectoryListsTwoLevelsAndSkipsHiddenEntries() throws IOException {
        write("top.txt", "");
        write("sub/inner.txt", "");
        write("sub/deeper/too-deep.txt", "");
        write(".hidden/secret.txt", "");
        write(".dotfile", "");
        editor(Map.of("command", "view", "path", dir.toString()))
                .statusCode(200)
                .body("output", allOf(containsString(dir + "/top.txt\n"), containsString(dir + "/sub/inner.txt\n"),
                        containsString(dir + "/sub/deeper/\n"), not(containsString("too-deep")),
                        not(containsString("/.hidden")), not(containsString("/.dotfile"))));
    }

    @Test
    void createWritesANewFileAndRefusesToOverwrite() throws IOException {
        Path file = dir.resolve("new/created.py");
        editor(Map.of("command", "create", "path", file.toString(), "fileText", "print('hi')\n"))
                .statusCode(200)
                .body("output", is("File created successfully at: " + file));
        assertEquals("print('hi')\n", Files.readString(file));
        editor(Map.of("command", "create", "path", file.toString(), "fileText", "other"))
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("already exists"));
        assertEquals("print('hi')\n", Files.readString(file));
    }

    @Test
    void strReplaceChangesAUniqueOccurrenceAndShowsASnippet() throws IOException {
        Path file = write("code.py", "def f():\n    return 1\n\ndef g():\n    return 2\n");
        editor(Map.of("command", "str_replace", "path", file.toString(), "oldStr", "return 2", "newStr", "return 3"))
                .statusCode(200)
                .body("output", allOf(startsWith("The file " + file + " has been edited."),
                        containsString("     5\t    return 3\n")))
                .body("diff", allOf(containsString("-    return 2"), containsString("+    return 3")));
        assertEquals("def f():\n    return 1\n\ndef g():\n    return 3\n", Files.readString(file));
    }

    @Test
    void strReplaceRefusesWhenOldStrIsMissing() throws IOException {
        Path file = write("none.txt", "one\ntwo\n");
        editor(Map.of("command", "str_replace", "path", file.toString(), "oldStr", "three", "newStr", "3"))
                .statusCode(422)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", is("oldStr"))
                .body("detail", containsString("did not appear verbatim"));
        assertEquals("one\ntwo\n", Files.readString(file));
    }

    @Test
    void strReplaceRefusesSeveralOccurrencesAndNamesTheirLines() throws IOException {
        Path file = write("many.txt", "x = 1\ny = 2\nx = 1\n");
        editor(Map.of("command", "str_replace", "path", file.toString(), "oldStr", "x = 1", "newStr", "x = 9"))
                .statusCode(422)
                .body("errors[0].field", is("oldStr"))
                .body("detail", containsString("Multiple occurrences of old_str `x = 1`"))
                .body("detail", containsString("lines [1, 3]"));
        assertEquals("x = 1\ny = 2\nx = 1\n", Files.readString(file));
    }

    @Test
    void insertAddsLinesAfterTheGivenLine() throws IOException {
        Path file = write("insert.txt", "first\nsecond\n");
        editor(Map.of("command", "insert", "path", file.toString(), "insertLine", 1, "newStr", "between"))
                .statusCode(200)
                .body("output", containsString("     2\tbetween\n"));
        editor(Map.of("command", "insert", "path", file.toString(), "insertLine", 0, "newStr", "top"))
                .statusCode(200);
        editor(Map.of("command", "insert", "path", file.toString(), "insertLine", 4, "newStr", "end\n"))
                .statusCode(200);
        assertEquals("top\nfirst\nbetween\nsecond\nend\n", Files.readString(file));
        editor(Map.of("command", "insert", "path", file.toString(), "insertLine", 99, "newStr", "x"))
                .statusCode(400)
                .body("errors[0].field", is("insertLine"));
    }

    @Test
    void undoRestoresEarlierVersionsOneEditAtATime() throws IOException {
        Path file = dir.resolve("undo.txt");
        editor(Map.of("command", "create", "path", file.toString(), "fileText", "v1\n")).statusCode(200);
        editor(Map.of("command", "str_replace", "path", file.toString(), "oldStr", "v1", "newStr", "v2"))
                .statusCode(200);
        editor(Map.of("command", "insert", "path", file.toString(), "insertLine", 1, "newStr", "v3"))
                .statusCode(200);

        editor(Map.of("command", "undo_edit", "path", file.toString())).statusCode(200)
                .body("output", containsString("undone successfully"));
        assertEquals("v2\n", Files.readString(file));
        editor(Map.of("command", "undo_edit", "path", file.toString())).statusCode(200);
        assertEquals("v1\n", Files.readString(file));
        // as OpenHands: create records the created text, so undoing it keeps the file as created
        editor(Map.of("command", "undo_edit", "path", file.toString())).statusCode(200);
        assertEquals("v1\n", Files.readString(file));
        editor(Map.of("command", "undo_edit", "path", file.toString()))
                .statusCode(409)
                .body("detail", containsString("No edit history"));
    }

    @Test
    void clipsLongOutputWithANotice() throws IOException {
        Path file = write("long.txt", "0123456789\n".repeat(3000));
        // OpenHands' maybe_truncate keeps head and tail around TEXT_FILE_CONTENT_TRUNCATED_NOTICE
        editor(Map.of("command", "view", "path", file.toString()))
                .statusCode(200)
                .body("output", endsWith("  3000\t0123456789\n"))
                .body("output", containsString("<response clipped><NOTE>Due to the max output limit, only part of"
                        + " this file has been shown to you. You should retry this tool after you have searched"
                        + " inside the file with `grep -n` in order to find the line numbers of what you are looking"
                        + " for.</NOTE>"))
                .body("output.length()", lessThan(16_400));
    }

    @Test
    void refusesBinaryFiles() throws IOException {
        Path file = dir.resolve("blob.bin");
        Files.write(file, new byte[] { 0, 1, 2, (byte) 0xff, (byte) 0xfe });
        editor(Map.of("command", "view", "path", file.toString()))
                .statusCode(422)
                .body("errors[0].field", is("path"))
                .body("detail", containsString("binary"));
    }

    @Test
    void refusesARelativePath() {
        editor(Map.of("command", "view", "path", "relative/file.txt"))
                .statusCode(400)
                .body("errors[0].field", is("path"))
                .body("errors[0].reason", containsString("absolute"));
    }

    @Test
    void refusesTraversalWithDotDot() {
        String escape = dir + "/../../../../../../../../../../etc/passwd";
        editor(Map.of("command", "view", "path", escape))
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", is("path"))
                .body("detail", containsString("outside the allowed roots"));
        editor(Map.of("command", "create", "path", dir + "/../../../../../../../../../../etc/gantry-escape",
                "fileText", "x"))
                .statusCode(403);
    }

    @Test
    void refusesTraversalThroughASymlink() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("etc-link"), Path.of("/etc"));
        editor(Map.of("command", "view", "path", link + "/passwd"))
                .statusCode(403)
                .body("detail", containsString("/etc/passwd"));
        editor(Map.of("command", "create", "path", link + "/gantry-escape", "fileText", "x"))
                .statusCode(403);
        assertFalse(Files.exists(Path.of("/etc/gantry-escape")));
    }

    @Test
    void aMissingFieldIsA400NamingIt() throws IOException {
        Path file = write("fields.txt", "x\n");
        editor(Map.of("command", "str_replace", "path", file.toString()))
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", is("oldStr"));
        Map<String, Object> noCommand = new HashMap<>();
        noCommand.put("path", file.toString());
        editor(noCommand).statusCode(400).body("errors[0].field", is("command"));
        editor(Map.of("command", "rewrite", "path", file.toString()))
                .statusCode(400)
                .body("errors[0].reason", containsString("must be one of"));
    }

    @Test
    void aFileSystemRefusalIsAProblemNamingThePath() throws IOException {
        Path file = write("plain.txt", "not a directory\n");
        editor(Map.of("command", "create", "path", file + "/child.txt", "fileText", "x"))
                .statusCode(422)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", is("path"))
                .body("detail", containsString(file.toString()));
    }

    @Test
    void aMissingFileIsA404() {
        editor(Map.of("command", "view", "path", dir.resolve("absent.txt").toString()))
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
