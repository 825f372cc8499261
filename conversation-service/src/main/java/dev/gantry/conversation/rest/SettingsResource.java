package dev.gantry.conversation.rest;

import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.conversation.rest.dto.SettingsUpdate;
import dev.gantry.conversation.service.SettingsService;
import dev.gantry.platform.auth.CalledBy;
import dev.gantry.platform.auth.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The caller's agent settings, over the configured defaults. */
@CompletesWithoutTheCaller
@Path("/settings")
@CalledBy(users = true)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SettingsResource {

    private final SettingsService settings;
    private final CurrentCaller caller;

    SettingsResource(SettingsService settings, CurrentCaller caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @GET
    public Uni<AgentSettings> get() {
        return settings.effective(caller.userId());
    }

    /** Merges the fields given into the caller's settings and answers the result. */
    @POST
    public Uni<AgentSettings> update(@Valid @NotNull SettingsUpdate body) {
        return settings.update(caller.userId(), body);
    }
}
