package dev.gantry.conversation.service;

import dev.gantry.contracts.http.IdempotencyKey;
import dev.gantry.conversation.config.ConversationConfig;
import dev.gantry.conversation.mapping.ConversationMapping;
import dev.gantry.conversation.repository.ConversationEntity;
import dev.gantry.conversation.repository.ConversationRepository;
import dev.gantry.conversation.rest.dto.ConversationResponse;
import dev.gantry.conversation.rest.dto.CreateConversationRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * Creates made safe to send again (IETF draft-ietf-httpapi-idempotency-key-header): the first create with a key
 * makes the conversation and keeps the key and its request's fingerprint on it; a repeat with the same key answers
 * that conversation as it is now (nothing created or sent again), a repeat with another request is refused (422).
 * Keys are the owner's own, and live for {@code gantry.conversations.idempotency-key-retention}; a deleted
 * conversation takes its key with it.
 *
 * <p>Two creates with the same key at once: the unique index on (owner, key) makes the second insert wait for the
 * first's commit and fail; its transaction is rolled back, and a new session then reads the winner and answers it.
 */
@ApplicationScoped
public class IdempotentCreate {

    private final ConversationService service;
    private final ConversationRepository conversations;
    private final ConversationConfig config;

    IdempotentCreate(ConversationService service, ConversationRepository conversations, ConversationConfig config) {
        this.service = service;
        this.conversations = conversations;
        this.config = config;
    }

    /** The conversation made ({@code created}), or the one the key made before ({@code created} false). */
    public Uni<Written<ConversationResponse>> create(String ownerId, Optional<IdempotencyKey> key,
            CreateConversationRequest request) {
        if (key.isEmpty()) {
            return service.create(ownerId, request).map(created -> new Written<>(true, created));
        }
        String fingerprint = RequestFingerprint.of(request);
        KeyedCreate keyed = new KeyedCreate(key.get().value(), fingerprint,
                Instant.now().minus(config.idempotencyKeyRetention()));
        return kept(ownerId, keyed).flatMap(earlier -> earlier != null
                ? Uni.createFrom().item(replay(earlier, keyed))
                : service.create(ownerId, request, keyed).map(created -> new Written<>(true, created))
                        .onFailure(failure -> !(failure instanceof ProblemException))
                        .recoverWithUni(failure -> kept(ownerId, keyed).map(winner -> {
                            if (winner == null) {
                                throw failure instanceof RuntimeException runtime ? runtime
                                        : new IllegalStateException(failure);
                            }
                            Log.infof("a create with the key of conversation %s ran at the same time; answered it",
                                    winner.id);
                            return replay(winner, keyed);
                        })));
    }

    /** The owner's conversation made with this key within its retention, read in a session of its own. */
    private Uni<ConversationEntity> kept(String ownerId, KeyedCreate keyed) {
        return Panache.withSession(() -> conversations.findByIdempotencyKey(ownerId, keyed.key(), keyed.keptSince()));
    }

    private static Written<ConversationResponse> replay(ConversationEntity earlier, KeyedCreate keyed) {
        if (!keyed.fingerprint().equals(earlier.requestFingerprint)) {
            throw ProblemException.keyReused(IdempotencyKey.HEADER);
        }
        return new Written<>(false, ConversationMapping.toResponse(earlier));
    }
}
