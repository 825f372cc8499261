package dev.gantry.runtime.rest;

import dev.gantry.runtime.editor.EditorResult;
import dev.gantry.runtime.editor.FileEditor;
import dev.gantry.runtime.security.PathConfinement;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/v1/editor}: views and edits files in the sandbox. */
@Path("/api/v1/editor")
public class EditorResource {

    private final FileEditor editor;
    private final PathConfinement paths;

    EditorResource(FileEditor editor, PathConfinement paths) {
        this.editor = editor;
        this.paths = paths;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public EditorResult edit(EditorRequest request) {
        if (request == null) {
            throw ApiProblem.invalidField("body", "is required");
        }
        return editor.execute(request.validate(paths));
    }
}
