package dev.gantry.gateway.rest;

import dev.gantry.gateway.api.Page;
import dev.gantry.gateway.api.Skill;
import dev.gantry.gateway.api.SkillUpdate;
import dev.gantry.gateway.api.SkillWrite;
import dev.gantry.gateway.auth.CurrentCaller;
import dev.gantry.gateway.client.ConversationService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/** The caller's skills: what their agents are told, always or once a message of the conversation triggers it. */
@Path("/api/v1/skills")
@Authenticated
@Tag(name = "skills")
public class SkillResource {

    private final ConversationService conversations;
    private final CurrentCaller caller;

    SkillResource(ConversationService conversations, CurrentCaller caller) {
        this.conversations = conversations;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List the caller's skills, by name")
    @APIResponse(responseCode = "200", description = "A page of skills")
    public Uni<Page<Skill>> list(@QueryParam("pageId") String pageId,
            @QueryParam("limit") @Min(PageParams.MIN_LIMIT) @Max(PageParams.MAX_LIMIT) Integer limit) {
        return conversations.skills(caller.get(), pageId, limit);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Read the named skill")
    @APIResponse(responseCode = "200", description = "The skill")
    @APIResponse(responseCode = "404", description = "No such skill of the caller")
    public Uni<Skill> get(@PathParam("name") String name) {
        return conversations.skill(caller.get(), name);
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Add a skill: without triggers it is always on, else it is added to a conversation once a "
            + "user message contains one of them")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "409", description = "A skill of that name exists")
    public Uni<Skill> create(@Valid @NotNull SkillWrite skill) {
        return conversations.createSkill(caller.get(), skill);
    }

    @PUT
    @Path("/{name}")
    @Operation(summary = "Add or replace the named skill")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "200", description = "Replaced")
    public Uni<RestResponse<Skill>> put(@PathParam("name") String name, @Valid @NotNull SkillUpdate update) {
        return conversations.putSkill(caller.get(), update.named(name));
    }

    @DELETE
    @Path("/{name}")
    @ResponseStatus(204)
    @Operation(summary = "Delete the named skill")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such skill of the caller")
    public Uni<Void> delete(@PathParam("name") String name) {
        return conversations.deleteSkill(caller.get(), name);
    }
}
