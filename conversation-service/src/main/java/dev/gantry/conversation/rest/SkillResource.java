package dev.gantry.conversation.rest;

import dev.gantry.conversation.rest.dto.Skill;
import dev.gantry.conversation.rest.dto.SkillRequest;
import dev.gantry.conversation.service.Page;
import dev.gantry.conversation.service.SkillService;
import dev.gantry.platform.auth.CalledBy;
import dev.gantry.platform.auth.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/** The caller's skills: instructions their agents get, always or once a message triggers them. */
@CompletesWithoutTheCaller
@Path("/skills")
@CalledBy(users = true)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SkillResource {

    private final SkillService skills;
    private final CurrentCaller caller;

    SkillResource(SkillService skills, CurrentCaller caller) {
        this.skills = skills;
        this.caller = caller;
    }

    @GET
    public Uni<Page<Skill>> list(@QueryParam("pageId") String pageId, @QueryParam("limit") String limit) {
        return skills.list(caller.userId(), pageId, QueryParams.pageLimit(limit));
    }

    @GET
    @Path("/{name}")
    public Uni<Skill> get(@PathParam("name") String name) {
        return skills.get(caller.userId(), name);
    }

    /** 409 when the caller has a skill of that name already: replacing one is a PUT. */
    @POST
    @ResponseStatus(RestResponse.StatusCode.CREATED)
    public Uni<Skill> create(@Valid @NotNull SkillRequest body) {
        return skills.create(caller.userId(), body);
    }

    /** Creates (201) or replaces (200) the skill of that name. */
    @PUT
    @Path("/{name}")
    public Uni<RestResponse<Skill>> put(@PathParam("name") String name, @Valid @NotNull SkillRequest body) {
        return skills.put(caller.userId(), name, body).map(CreatedOrReplaced::answer);
    }

    @DELETE
    @Path("/{name}")
    @ResponseStatus(RestResponse.StatusCode.NO_CONTENT)
    public Uni<Void> delete(@PathParam("name") String name) {
        return skills.delete(caller.userId(), name);
    }
}
