package dev.gantry.runtime.rest;

import dev.gantry.contracts.GantryHeaders;
import dev.gantry.runtime.editor.FileEditor;
import dev.gantry.runtime.security.PathConfinement;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /api/v1/editor}: views and edits files in the sandbox; once per action id ({@link ActionRequests}). */
@Path("/api/v1/editor")
public class EditorResource {

    private final FileEditor editor;
    private final PathConfinement paths;
    private final ActionRequests actions;

    EditorResource(FileEditor editor, PathConfinement paths, ActionRequests actions) {
        this.editor = editor;
        this.paths = paths;
        this.actions = actions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response edit(@HeaderParam(GantryHeaders.ACTION_ID) String actionId, EditorRequest request) {
        if (request == null) {
            throw ApiProblem.invalidField("body", "is required");
        }
        var command = request.validate(paths);
        return actions.answer(actionId, "editor", request, () -> editor.execute(command));
    }
}
