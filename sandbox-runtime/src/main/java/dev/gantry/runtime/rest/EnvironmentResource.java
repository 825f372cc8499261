package dev.gantry.runtime.rest;

import dev.gantry.runtime.terminal.TerminalService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

/**
 * {@code PUT /api/v1/environment}: replaces the variables the agent's shell is given beside the runtime's
 * own environment. They take effect at once when the shell is idle (it is started again), else in the next
 * shell.
 */
@Path("/api/v1/environment")
public class EnvironmentResource {

    private final TerminalService terminal;

    EnvironmentResource(TerminalService terminal) {
        this.terminal = terminal;
    }

    @PUT
    @Consumes("application/json")
    public void replace(EnvironmentRequest request) {
        if (request == null) {
            throw ApiProblem.invalidField("body", "is required");
        }
        terminal.environment(request.validate());
    }
}
