package dev.gantry.gateway.rest;

import dev.gantry.gateway.api.CommandAccepted;
import dev.gantry.gateway.api.ConfirmationRequest;
import dev.gantry.gateway.api.Conversation;
import dev.gantry.gateway.api.ConversationAction;
import dev.gantry.gateway.api.Page;
import dev.gantry.gateway.api.SendMessageRequest;
import dev.gantry.gateway.api.StartConversationRequest;
import dev.gantry.gateway.api.UpdateConversationRequest;
import dev.gantry.gateway.auth.Caller;
import dev.gantry.gateway.auth.CurrentCaller;
import dev.gantry.gateway.client.ConversationFilter;
import dev.gantry.gateway.client.ConversationService;
import dev.gantry.gateway.mapping.Problems;
import dev.gantry.gateway.mapping.RequestProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Conversations of the caller: start, list, read, rename, delete, and the commands sent to their agent. */
@Path("/api/v1/conversations")
@Authenticated
@Tag(name = "conversations")
public class ConversationResource {

    private static final String STATUSES = "idle|running|paused|waiting_for_confirmation|finished|error|stuck|stopped";
    private static final String SORTS = "createdAt|-createdAt|updatedAt|-updatedAt";

    private final ConversationService conversations;
    private final CurrentCaller caller;

    ConversationResource(ConversationService conversations, CurrentCaller caller) {
        this.conversations = conversations;
        this.caller = caller;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Start a conversation", description = "With an initial message the agent starts working on it.")
    @APIResponse(responseCode = "201", description = "The new conversation")
    public Uni<Conversation> start(@Valid StartConversationRequest request) {
        return conversations.start(caller.get(), request == null
                ? new StartConversationRequest(null, null, null, null) : request);
    }

    @GET
    @Operation(summary = "List the caller's conversations, newest first",
            description = "An admin may list every user's with allUsers=true. The dates are ISO-8601 instants, "
                    + "exclusive; sort is createdAt, -createdAt (the default), updatedAt or -updatedAt; a pageId "
                    + "belongs to the sort it was issued for.")
    @APIResponse(responseCode = "400", description = "A parameter that is not valid, named")
    @APIResponse(responseCode = "200", description = "A page of conversations")
    @APIResponse(responseCode = "403", description = "allUsers=true without the admin role")
    public Uni<Page<Conversation>> list(@QueryParam("pageId") String pageId,
            @QueryParam("limit") @Min(PageParams.MIN_LIMIT) @Max(PageParams.MAX_LIMIT) Integer limit,
            @QueryParam("status") @Pattern(regexp = STATUSES, message = "must be one of " + STATUSES) String status,
            @QueryParam("titleContains") String titleContains,
            @QueryParam("createdAfter") String createdAfter, @QueryParam("createdBefore") String createdBefore,
            @QueryParam("updatedAfter") String updatedAfter, @QueryParam("updatedBefore") String updatedBefore,
            @QueryParam("sort") @Pattern(regexp = SORTS, message = "must be one of " + SORTS) String sort,
            @QueryParam("allUsers") @DefaultValue("false") boolean allUsers) {
        Caller current = caller.get();
        if (allUsers && !current.admin()) {
            throw new RequestProblemException(Problems.forbidden("listing across users needs the admin role"));
        }
        return conversations.list(current, allUsers, pageId, limit, new ConversationFilter(status, titleContains,
                createdAfter, createdBefore, updatedAfter, updatedBefore, sort));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a conversation")
    @APIResponse(responseCode = "200", description = "The conversation")
    @APIResponse(responseCode = "404", description = "No such conversation of the caller")
    public Uni<Conversation> get(@PathParam("id") UUID id) {
        return conversations.get(caller.get(), id);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Rename a conversation")
    @APIResponse(responseCode = "200", description = "The renamed conversation")
    @APIResponse(responseCode = "404", description = "No such conversation of the caller")
    public Uni<Conversation> update(@PathParam("id") UUID id, @Valid @NotNull UpdateConversationRequest request) {
        return conversations.update(caller.get(), id, request);
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a conversation", description = "Stops its agent and deletes its sandbox.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such conversation of the caller")
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return conversations.delete(caller.get(), id);
    }

    @POST
    @Path("/{id}/messages")
    @ResponseStatus(202)
    @Operation(summary = "Send a user message", description = "With run=true the agent works on it.")
    @APIResponse(responseCode = "202", description = "The message command was queued")
    @APIResponse(responseCode = "404", description = "No such conversation of the caller")
    public Uni<CommandAccepted> sendMessage(@PathParam("id") UUID id, @Valid @NotNull SendMessageRequest request) {
        return conversations.sendMessage(caller.get(), id, request);
    }

    @POST
    @Path("/{id}/{action: pause|resume|stop}")
    @ResponseStatus(202)
    @Operation(summary = "Pause, resume or stop the agent")
    @APIResponse(responseCode = "202", description = "The command was queued")
    @APIResponse(responseCode = "404", description = "No such conversation of the caller")
    public Uni<CommandAccepted> act(@PathParam("id") UUID id, @PathParam("action") ConversationAction action) {
        return conversations.act(caller.get(), id, action);
    }

    @POST
    @Path("/{id}/confirmation")
    @ResponseStatus(202)
    @Operation(summary = "Accept or reject the action waiting for confirmation")
    @APIResponse(responseCode = "202", description = "The answer was queued")
    @APIResponse(responseCode = "404", description = "No such conversation of the caller")
    public Uni<CommandAccepted> confirm(@PathParam("id") UUID id, @Valid @NotNull ConfirmationRequest request) {
        return conversations.confirm(caller.get(), id, request);
    }
}
