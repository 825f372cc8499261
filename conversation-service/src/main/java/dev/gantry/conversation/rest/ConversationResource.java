package dev.gantry.conversation.rest;

import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.http.IdempotencyKey;
import dev.gantry.conversation.rest.dto.CommandAccepted;
import dev.gantry.conversation.rest.dto.ConfirmationRequest;
import dev.gantry.conversation.rest.dto.ConversationResponse;
import dev.gantry.conversation.rest.dto.CreateConversationRequest;
import dev.gantry.conversation.rest.dto.SendMessageRequest;
import dev.gantry.conversation.rest.dto.UpdateConversationRequest;
import dev.gantry.conversation.service.ConversationQuery;
import dev.gantry.conversation.service.ConversationService;
import dev.gantry.conversation.service.ConversationSort;
import dev.gantry.conversation.service.IdempotentCreate;
import dev.gantry.conversation.service.Page;
import dev.gantry.conversation.service.PageCursor;
import dev.gantry.conversation.service.ProblemException;
import dev.gantry.conversation.service.Written;
import dev.gantry.platform.auth.CalledBy;
import dev.gantry.platform.auth.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/** The conversations of the user the gateway's signed token names; another user's answer 404. */
@CompletesWithoutTheCaller
@Path("/conversations")
@CalledBy(users = true)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConversationResource {

    private static final CreateConversationRequest EMPTY = new CreateConversationRequest(null, null, null, null);

    private final ConversationService conversations;
    private final IdempotentCreate idempotentCreate;
    private final CurrentCaller caller;

    ConversationResource(ConversationService conversations, IdempotentCreate idempotentCreate, CurrentCaller caller) {
        this.conversations = conversations;
        this.idempotentCreate = idempotentCreate;
        this.caller = caller;
    }

    /**
     * 201 with the new conversation; with an {@code Idempotency-Key} the create is made once, and a repeat of it
     * answers the same (201, its conversation as it is now) with {@code Idempotent-Replayed: true}.
     */
    @POST
    public Uni<RestResponse<ConversationResponse>> create(HttpHeaders headers, @Valid CreateConversationRequest body) {
        Optional<IdempotencyKey> key;
        try {
            // read as a list: a header param would take an empty value for no header
            key = IdempotencyKey.fromHeaders(headers.getRequestHeader(IdempotencyKey.HEADER));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(IdempotencyKey.HEADER, IdempotencyKey.RULE);
        }
        return idempotentCreate.create(caller.userId(), key, body == null ? EMPTY : body)
                .map(ConversationResource::created);
    }

    private static RestResponse<ConversationResponse> created(Written<ConversationResponse> written) {
        var answer = RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, written.value())
                .location(URI.create("/conversations/" + written.value().id()));
        if (!written.created()) {
            answer.header(IdempotencyKey.REPLAYED_HEADER, "true");
        }
        return answer.build();
    }

    @GET
    public Uni<Page<ConversationResponse>> list(@QueryParam("pageId") String pageId, @QueryParam("limit") String limit,
            @QueryParam("status") String status, @QueryParam("titleContains") String titleContains,
            @QueryParam("createdAfter") String createdAfter, @QueryParam("createdBefore") String createdBefore,
            @QueryParam("updatedAfter") String updatedAfter, @QueryParam("updatedBefore") String updatedBefore,
            @QueryParam("sort") String sort, @QueryParam("allUsers") boolean allUsers) {
        QueryParams params = new QueryParams();
        int pageSize = params.limit(limit);
        ExecutionStatus statusFilter = status(params, status);
        ConversationSort order = sort == null || sort.isEmpty() ? ConversationSort.DEFAULT
                : ConversationSort.parse(sort).orElse(null);
        if (order == null) {
            params.reject("sort", "must be one of " + Arrays.stream(ConversationSort.values())
                    .map(ConversationSort::wireName).collect(Collectors.joining(", ")));
            order = ConversationSort.DEFAULT;
        }
        Instant createdFrom = params.instant("createdAfter", createdAfter);
        Instant createdTo = params.instant("createdBefore", createdBefore);
        Instant updatedFrom = params.instant("updatedAfter", updatedAfter);
        Instant updatedTo = params.instant("updatedBefore", updatedBefore);
        params.check();
        if (allUsers && !caller.user().admin()) {
            throw ProblemException.forbidden("only an admin may list the conversations of all users");
        }
        return conversations.list(new ConversationQuery(allUsers ? null : caller.userId(), statusFilter,
                titleContains == null || titleContains.isEmpty() ? null : titleContains,
                createdFrom, createdTo, updatedFrom, updatedTo,
                order, PageCursor.decode(pageId, order.wireName()), pageSize));
    }

    @GET
    @Path("/{id}")
    public Uni<ConversationResponse> get(@PathParam("id") UUID id) {
        return conversations.get(caller.userId(), id);
    }

    @PATCH
    @Path("/{id}")
    public Uni<ConversationResponse> update(@PathParam("id") UUID id, @Valid @NotNull UpdateConversationRequest body) {
        return conversations.rename(caller.userId(), id, body.title());
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(RestResponse.StatusCode.NO_CONTENT)
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return conversations.delete(caller.userId(), id);
    }

    @POST
    @Path("/{id}/messages")
    @ResponseStatus(RestResponse.StatusCode.ACCEPTED)
    public Uni<CommandAccepted> sendMessage(@PathParam("id") UUID id, @Valid @NotNull SendMessageRequest body) {
        return conversations.sendMessage(caller.userId(), id, body).map(CommandAccepted::new);
    }

    @POST
    @Path("/{id}/pause")
    @ResponseStatus(RestResponse.StatusCode.ACCEPTED)
    public Uni<CommandAccepted> pause(@PathParam("id") UUID id) {
        return conversations.pause(caller.userId(), id).map(CommandAccepted::new);
    }

    @POST
    @Path("/{id}/resume")
    @ResponseStatus(RestResponse.StatusCode.ACCEPTED)
    public Uni<CommandAccepted> resume(@PathParam("id") UUID id) {
        return conversations.resume(caller.userId(), id).map(CommandAccepted::new);
    }

    @POST
    @Path("/{id}/stop")
    @ResponseStatus(RestResponse.StatusCode.ACCEPTED)
    public Uni<CommandAccepted> stop(@PathParam("id") UUID id) {
        return conversations.stop(caller.userId(), id).map(CommandAccepted::new);
    }

    @POST
    @Path("/{id}/confirmation")
    @ResponseStatus(RestResponse.StatusCode.ACCEPTED)
    public Uni<CommandAccepted> confirm(@PathParam("id") UUID id, @Valid @NotNull ConfirmationRequest body) {
        return conversations.confirm(caller.userId(), id, body).map(CommandAccepted::new);
    }

    private static ExecutionStatus status(QueryParams params, String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        return Arrays.stream(ExecutionStatus.values())
                .filter(s -> s.name().toLowerCase(Locale.ROOT).equals(status))
                .findFirst()
                .orElseGet(() -> {
                    params.reject("status", "must be one of " + Arrays.stream(ExecutionStatus.values())
                            .map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
                    return null;
                });
    }
}
