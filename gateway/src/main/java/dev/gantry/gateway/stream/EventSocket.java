package dev.gantry.gateway.stream;

import dev.gantry.gateway.auth.TokenVerifier;
import dev.gantry.gateway.mapping.ProblemException;
import dev.gantry.gateway.mapping.RequestProblemException;
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
 * refused socket is closed with 4001 (authentication) or 4004 (no such conversation of the caller).
 * {@code ?afterSeq=} resumes after an event; without it every event is sent from the first.
 */
@WebSocket(path = "/sockets/events/{id}")
public class EventSocket {

    static final int CLOSE_UNAUTHENTICATED = 4001;
    static final int CLOSE_NOT_FOUND = 4004;
    /** RFC 6455 "try again later": a platform service the stream needs is down. */
    static final int CLOSE_TRY_AGAIN_LATER = 1013;
    private static final String TOKEN_PARAM = "token";
    private static final String AFTER_SEQ_PARAM = "afterSeq";
    private static final String BEARER = "Bearer ";
    private static final int NOT_FOUND = 404;
    private static final UserData.TypedKey<Cancellable> RELAYING = new UserData.TypedKey<>("gantry.relaying");

    private final TokenVerifier tokens;
    private final EventRelay relay;

    EventSocket(TokenVerifier tokens, EventRelay relay) {
        this.tokens = tokens;
        this.relay = relay;
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
