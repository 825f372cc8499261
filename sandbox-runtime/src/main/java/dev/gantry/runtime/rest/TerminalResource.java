package dev.gantry.runtime.rest;

import dev.gantry.runtime.config.RuntimeConfig;
import dev.gantry.runtime.terminal.TerminalResult;
import dev.gantry.runtime.terminal.TerminalService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/v1/terminal}: runs a command in the sandbox's persistent shell. */
@Path("/api/v1/terminal")
public class TerminalResource {

    private final TerminalService terminal;
    private final RuntimeConfig config;

    TerminalResource(TerminalService terminal, RuntimeConfig config) {
        this.terminal = terminal;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public TerminalResult run(TerminalRequest request) {
        if (request == null) {
            throw ApiProblem.invalidField("body", "is required");
        }
        return terminal.execute(request.validate(config.terminal().maxTimeout()));
    }
}
