package dev.gantry.gateway.rest;

import dev.gantry.contracts.http.IdempotencyKey;
import dev.gantry.contracts.problem.Problem.FieldError;
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
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/** Conversations of the caller: start, list, read, rename, delete, and the commands sent to their agent. */
@Path("/api/v1/conversations")
@Authenticated
@Tag(name = "conversations")
public class ConversationResource {

    private static final String STATUSES = "idle|queued|running|paused|waiting_for_confirmation|finished|error|stuck|stopped";
    private static final String SORTS = "createdAt|-createdAt|updatedAt|-updatedAt";

    private final ConversationService conversations;
    private final CurrentCaller caller;

    ConversationResource(ConversationService conversations, CurrentCaller caller) {
        this.conversations = conversations;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Start a conversation", description = "With an initial message the agent starts working on it. "
            + "With an Idempotency-Key (a new random one per conversation, e.g. a UUID) the request may be sent again "
            + "safely: a repeat with the same key and request within 24 hours answers the conversation the first made, "
            + "as it is now, with Idempotent-Replayed: true, and creates nothing.")
    @APIResponse(responseCode = "201", description = "The new conversation (or, replayed, the one the key made)")
    @APIResponse(responseCode = "400", description = "A field or the Idempotency-Key that is not valid, named")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with another request")
    @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER,
            description = "1 to 255 printable ASCII characters; the same for every try of one create",
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = IdempotencyKey.MAX_LENGTH))
    public Uni<RestResponse<Conversation>> start(HttpHeaders headers, @Valid StartConversationRequest request) {
        StartConversationRequest body = request == null ? new StartConversationRequest(null, null, null, null) : request;
        Caller current = caller.get();
        // read as a list: a header param would take an empty value for no header
        return keyOf(headers.getRequestHeader(IdempotencyKey.HEADER)).map(key -> conversations.start(current, key, body))
                .orElseGet(() -> conversations.start(current, body))
                .map(ConversationResource::created);
    }

    private static Optional<IdempotencyKey> keyOf(List<String> headerValues) {
        try {
            return IdempotencyKey.fromHeaders(headerValues);
        } catch (IllegalArgumentException e) {
            throw new RequestProblemException(Problems.invalid(
                    List.of(new FieldError(IdempotencyKey.HEADER, IdempotencyKey.RULE))));
        }
    }

    /** 201 at the conversation's public address, saying when it is the answer of an earlier create (a replay). */
    private static RestResponse<Conversation> created(RestResponse<Conversation> downstream) {
        Conversation conversation = downstream.getEntity();
        var answer = RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, conversation)
                .location(URI.create("/api/v1/conversations/" + conversation.id()));
        String replayed = downstream.getHeaderString(IdempotencyKey.REPLAYED_HEADER);
        if (replayed != null) {
            answer.header(IdempotencyKey.REPLAYED_HEADER, replayed);
        }
        return answer.build();
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
