package dev.gantry.gateway.stream;

import dev.gantry.gateway.auth.TokenVerifier;
import dev.gantry.gateway.mapping.ProblemException;
import dev.gantry.gateway.mapping.RequestProblemException;
import dev.gantry.gateway.ratelimit.RateLimits;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Live events over a WebSocket, like OpenHands V1's {@code /sockets/events/{conversation_id}}: the
 * token comes as {@code ?token=} or an {@code Authorization: Bearer} header (browsers cannot set
 * headers on a WebSocket). Each message is one {@code ConversationEvent} JSON. As in OpenHands, a
 * refused socket is closed with 4001 (authentication) or 4004 (no such conversation of the caller); an open
 * spends one of the user's requests (1013 when none is left; failed authentications spend the address's),
 * and a user with the most streams allowed open gets 1008.
 * {@code ?afterSeq=} resumes after an event; without it every event is sent from the first.
 */
@WebSocket(path = "/sockets/events/{id}")
public class EventSocket {

    static final int CLOSE_UNAUTHENTICATED = 4001;
    static final int CLOSE_NOT_FOUND = 4004;
    /** RFC 6455 "try again later": a platform service the stream needs is down. */
    static final int CLOSE_TRY_AGAIN_LATER = 1013;
    /** RFC 6455: the user has the most event streams allowed open. */
    static final int CLOSE_POLICY_VIOLATION = 1008;
    private static final String TOKEN_PARAM = "token";
    private static final String AFTER_SEQ_PARAM = "afterSeq";
    private static final String BEARER = "Bearer ";
    private static final int NOT_FOUND = 404;
    private static final UserData.TypedKey<Cancellable> RELAYING = new UserData.TypedKey<>("gantry.relaying");
    private static final UserData.TypedKey<StreamSlots.Slot> SLOT = new UserData.TypedKey<>("gantry.stream-slot");

    private final TokenVerifier tokens;
    private final EventRelay relay;
    private final RateLimits limits;
    private final StreamSlots slots;

    EventSocket(TokenVerifier tokens, EventRelay relay, RateLimits limits, StreamSlots slots) {
        this.tokens = tokens;
        this.relay = relay;
        this.limits = limits;
        this.slots = slots;
    }

    /** A socket the gateway closes before relaying anything, and why. */
    private static final class Refused extends RuntimeException {

        private final transient CloseReason reason;

        Refused(CloseReason reason) {
            super(reason.getMessage(), null, false, false);
            this.reason = reason;
        }
    }

    /**
     * Starts relaying and returns at once. Each event is sent only after the previous one was written,
     * so a client receives them in seq order.
     */
    @OnOpen
    public Uni<Void> open(WebSocketConnection connection, HandshakeRequest handshake) {
        Map<String, List<String>> query = new QueryStringDecoder(
                handshake.query() == null ? "" : handshake.query(), StandardCharsets.UTF_8, false).parameters();
        UUID conversationId;
        Long afterSeq;
        try {
            conversationId = UUID.fromString(connection.pathParam("id"));
            String after = first(query, AFTER_SEQ_PARAM);
            afterSeq = after == null ? null : Long.valueOf(after);
        } catch (IllegalArgumentException notAnIdOrSeq) {
            return connection.close(new CloseReason(CLOSE_NOT_FOUND, "no such conversation"));
        }
        Cancellable relaying = tokens.verify(tokenOf(handshake, query))
                .onFailure(TokenVerifier.InvalidTokenException.class).call(refused -> limits.takeForAddress(
                        handshake.remoteAddress()))
                .call(caller -> limits.takeForUser(caller.userId()).invoke(wait -> wait.ifPresent(seconds -> {
                    throw new Refused(new CloseReason(CLOSE_TRY_AGAIN_LATER,
                            "the request rate limit of this user is spent; retry after " + seconds + " s"));
                })))
                .map(caller -> {
                    StreamSlots.Slot slot;
                    try {
                        slot = slots.acquire(caller.userId());
                    } catch (StreamSlots.Refused refused) {
                        throw new Refused(switch (refused.refusal()) {
                            case USER_LIMIT -> new CloseReason(CLOSE_POLICY_VIOLATION, "too many open event streams");
                            case REPLICA_FULL -> new CloseReason(CLOSE_TRY_AGAIN_LATER,
                                    "this gateway replica holds the most event streams it may; retry later");
                        });
                    }
                    connection.userData().put(SLOT, slot);
                    return caller;
                })
                .onItem().transformToMulti(caller -> relay.events(caller, conversationId, afterSeq))
                .onItem().call(event -> connection.sendText(event.json()))
                .subscribe().with(
                        sent -> { },
                        failure -> connection.close(reasonFor(failure)).subscribe().with(
                                closed -> { }, closeFailed -> Log.debugf("gateway: event socket already gone: %s",
                                        closeFailed.toString())));
        connection.userData().put(RELAYING, relaying);
        return Uni.createFrom().voidItem();
    }

    /** Stops listening to the event-store when the client goes. */
    @OnClose
    public void close(WebSocketConnection connection) {
        Cancellable relaying = connection.userData().remove(RELAYING);
        if (relaying != null) {
            relaying.cancel();
        }
        StreamSlots.Slot slot = connection.userData().remove(SLOT);
        if (slot != null) {
            slot.release();
        }
    }

    private static String tokenOf(HandshakeRequest handshake, Map<String, List<String>> query) {
        String authorization = handshake.header(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).trim();
        }
        return first(query, TOKEN_PARAM);
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static CloseReason reasonFor(Throwable failure) {
        if (failure instanceof Refused refused) {
            return refused.reason;
        }
        if (failure instanceof TokenVerifier.InvalidTokenException) {
            return new CloseReason(CLOSE_UNAUTHENTICATED, "authentication required");
        }
        if (failure instanceof RequestProblemException problem && problem.problem().status() == NOT_FOUND) {
            return new CloseReason(CLOSE_NOT_FOUND, "no such conversation");
        }
        if (failure instanceof ProblemException problem) {
            return new CloseReason(CLOSE_TRY_AGAIN_LATER, problem.problem().detail());
        }
        Log.errorf(failure, "gateway: event socket failed");
        return CloseReason.INTERNAL_SERVER_ERROR;
    }
}
