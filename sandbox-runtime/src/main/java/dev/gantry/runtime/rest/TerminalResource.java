package dev.gantry.runtime.rest;

import dev.gantry.contracts.GantryHeaders;
import dev.gantry.runtime.config.RuntimeConfig;
import dev.gantry.runtime.terminal.TerminalService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/v1/terminal}: runs a command in the sandbox's persistent shell; once per action id
 * ({@link ActionRequests}).
 */
@Path("/api/v1/terminal")
public class TerminalResource {

    private final TerminalService terminal;
    private final RuntimeConfig config;
    private final ActionRequests actions;

    TerminalResource(TerminalService terminal, RuntimeConfig config, ActionRequests actions) {
        this.terminal = terminal;
        this.config = config;
        this.actions = actions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response run(@HeaderParam(GantryHeaders.ACTION_ID) String actionId, TerminalRequest request) {
        if (request == null) {
            throw ApiProblem.invalidField("body", "is required");
        }
        var command = request.validate(config.terminal().maxTimeout());
        return actions.answer(actionId, "terminal", request, () -> terminal.execute(command));
    }
}
