package dev.gantry.gateway.rest;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.gateway.api.Page;
import dev.gantry.gateway.auth.Caller;
import dev.gantry.gateway.auth.CurrentCaller;
import dev.gantry.gateway.client.ConversationService;
import dev.gantry.gateway.client.EventLogPages;
import dev.gantry.gateway.mapping.Problems;
import dev.gantry.gateway.mapping.RequestProblemException;
import dev.gantry.gateway.mapping.ServiceUnavailableException;
import dev.gantry.gateway.stream.EventRelay;
import dev.gantry.gateway.stream.RelayedEvent;
import dev.gantry.gateway.stream.StreamSlots;
import dev.gantry.gateway.stream.StreamItem;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A conversation's event log: pages of it, and the live stream. Ownership is checked before the event-store is asked. */
@Path("/api/v1/conversations/{id}/events")
@Authenticated
@Tag(name = "events")
public class EventResource {

    private static final String SOURCES = "user|agent|environment|system";

    static final String LAST_EVENT_ID = "Last-Event-ID";
    /** A replica with no room for another stream now: streams end as conversations do, so one frees up soon. */
    private static final long STREAMS_FULL_RETRY_AFTER_SECONDS = 5;
    private static final String HEARTBEAT_COMMENT = "heartbeat";

    private final ConversationService conversations;
    private final EventLogPages logPages;
    private final EventRelay relay;
    private final CurrentCaller caller;
    private final StreamSlots slots;

    EventResource(ConversationService conversations, EventLogPages logPages, EventRelay relay, CurrentCaller caller,
            StreamSlots slots) {
        this.slots = slots;
        this.conversations = conversations;
        this.logPages = logPages;
        this.relay = relay;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Read a page of the conversation's events, by seq ascending", description = """
            A page that ends the log (unfiltered) reaches at least the conversation's `lastSeq` when the request \
            came: status and log are kept by two services, and a page that ends short of it is read again for \
            up to 3 s, so a client that read a status finds the events that led to it.""")
    @APIResponse(responseCode = "200", description = "A page of events")
    @APIResponse(responseCode = "404", description = "No such conversation of the caller")
    public Uni<Page<ConversationEvent>> list(@PathParam("id") UUID id,
            @QueryParam("afterSeq") @Min(0) Long afterSeq,
            @QueryParam("limit") @Min(PageParams.MIN_LIMIT) @Max(PageParams.MAX_LIMIT) Integer limit,
            @Parameter(description = "only events of this kind (e.g. ActionEvent); an unknown kind is a 400")
            @QueryParam("kind") String kind,
            @Parameter(description = "only events from this source")
            @QueryParam("source") @Pattern(regexp = SOURCES, message = "must be one of " + SOURCES) String source,
            @QueryParam("pageId") String pageId) {
        Caller current = caller.get();
        return conversations.get(current, id)
                .chain(owned -> logPages.page(current, owned, afterSeq, limit, kind, source, pageId));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Stream the conversation's events live (SSE)", description = """
            Each event is sent with `id: <seq>`, `event: <kind>` and `data: <ConversationEvent JSON>`; \
            a `: heartbeat` comment keeps an idle stream open. A client resumes after a disconnect by \
            sending the last id it saw as `Last-Event-ID` (or `afterSeq`).""")
    @APIResponse(responseCode = "200", description = "The event stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "404", description = "No such conversation of the caller")
    @APIResponse(responseCode = "429", description = "The caller has the most event streams allowed open")
    @APIResponse(responseCode = "503", description = "The event-store does not answer, or this gateway replica holds"
            + " the most streams it may (gantry.gateway.stream.max-open); Retry-After says when to try again")
    @Blocking
    public Multi<OutboundSseEvent> stream(@PathParam("id") UUID id,
            @Parameter(description = "resume after this seq") @HeaderParam(LAST_EVENT_ID) String lastEventId,
            @QueryParam("afterSeq") @Min(0) Long afterSeq, @Context Sse sse) {
        Long resumeAfter = lastEventId == null ? afterSeq : seqOf(lastEventId);
        // SSE sends its 200 head as soon as the stream is returned, so a 404 or 503 must be known
        // before: the check waits on a worker thread, bounded by the calls' timeouts
        Caller current = caller.get();
        StreamSlots.Slot slot = acquire(current.userId());
        try {
            relay.checkStreamable(current, id).await().indefinitely();
        } catch (RuntimeException refused) {
            slot.release();
            throw refused;
        }
        return relay.eventsWithHeartbeats(current, id, resumeAfter).map(item -> toSse(sse, item))
                .onTermination().invoke(slot::release);
    }

    /** A stream slot of the user's: 429 when they hold the most, 503 when this replica does. */
    private StreamSlots.Slot acquire(String userId) {
        try {
            return slots.acquire(userId);
        } catch (StreamSlots.Refused refused) {
            throw switch (refused.refusal()) {
                case USER_LIMIT -> new RequestProblemException(Problems.tooManyStreams(slots.maxPerUser()));
                case REPLICA_FULL -> new ServiceUnavailableException(Problems.streamsFull(slots.maxOpen()),
                        STREAMS_FULL_RETRY_AFTER_SECONDS);
            };
        }
    }

    private static OutboundSseEvent toSse(Sse sse, StreamItem item) {
        return switch (item) {
            case RelayedEvent event -> sse.newEventBuilder()
                    .id(event.id())
                    .name(event.kind())
                    .data(event.json())
                    .build();
            case StreamItem.Heartbeat heartbeat -> sse.newEventBuilder().comment(HEARTBEAT_COMMENT).build();
        };
    }

    private static Long seqOf(String lastEventId) {
        try {
            long seq = Long.parseLong(lastEventId.trim());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException notANumber) {
            // answered below like a negative number
        }
        throw new RequestProblemException(Problems.invalid(
                List.of(new FieldError(LAST_EVENT_ID, "must be the seq of an event (a whole number from 0)"))));
    }
}
