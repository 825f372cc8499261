package dev.gantry.gateway.rest;

import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.gateway.api.SettingsUpdate;
import dev.gantry.gateway.auth.CurrentCaller;
import dev.gantry.gateway.client.ConversationService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's agent settings (model, endpoint, API key secret name, limits, confirmation policy). */
@Path("/api/v1/settings")
@Authenticated
@Tag(name = "settings")
public class SettingsResource {

    private final ConversationService conversations;
    private final CurrentCaller caller;

    SettingsResource(ConversationService conversations, CurrentCaller caller) {
        this.conversations = conversations;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Read the caller's settings")
    @APIResponse(responseCode = "200", description = "The settings")
    public Uni<AgentSettings> get() {
        return conversations.settings(caller.get());
    }

    @POST
    @Operation(summary = "Change some settings", description = "Fields left out keep their value.")
    @APIResponse(responseCode = "200", description = "The settings after the change")
    public Uni<AgentSettings> update(@Valid @NotNull SettingsUpdate update) {
        return conversations.updateSettings(caller.get(), update);
    }
}
