package dev.gantry.runtime.editor;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the file editor returns.
 *
 * @param output the text a model reads: the file or directory, or the edited snippet with line numbers
 * @param diff   for a change to a file, the unified diff of old and new content, for display and audit
 * @param image  for a view of an image file, the image as a {@code data:} URL, which a model that takes
 *               images is shown (as OpenHands' editor does)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EditorResult(String command, String path, String output, String diff, String image) {

    public EditorResult(String command, String path, String output, String diff) {
        this(command, path, output, diff, null);
    }
}
