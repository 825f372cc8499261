package dev.gantry.conversation.rest;

import dev.gantry.contracts.GantryHeaders;
import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.conversation.rest.dto.SettingsUpdate;
import dev.gantry.conversation.service.SettingsService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The caller's agent settings, over the configured defaults. */
@Path("/settings")
@UserScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SettingsResource {

    private final SettingsService settings;

    SettingsResource(SettingsService settings) {
        this.settings = settings;
    }

    @GET
    public Uni<AgentSettings> get(@HeaderParam(GantryHeaders.USER) String userId) {
        return settings.effective(userId);
    }

    /** Merges the fields given into the caller's settings and answers the result. */
    @POST
    public Uni<AgentSettings> update(@HeaderParam(GantryHeaders.USER) String userId, @Valid @NotNull SettingsUpdate body) {
        return settings.update(userId, body);
    }
}
