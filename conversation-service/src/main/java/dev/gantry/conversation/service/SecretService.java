package dev.gantry.conversation.service;

import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.conversation.crypto.SecretCipher;
import dev.gantry.conversation.repository.SecretEntity;
import dev.gantry.conversation.repository.SecretRepository;
import dev.gantry.conversation.rest.dto.SecretCreateRequest;
import dev.gantry.conversation.rest.dto.SecretMetadata;
import dev.gantry.conversation.rest.dto.SecretPutRequest;
import dev.gantry.conversation.rest.dto.SecretValue;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The users' secrets, sealed at rest. Values go in through create and replace and come out only
 * through {@link #resolveForConversation}, the agent-worker's internal route. Nothing here logs a value.
 */
@ApplicationScoped
public class SecretService {

    private static final String PAGE_SORT = "name";

    private final SecretRepository secrets;
    private final ConversationService conversations;
    private final SecretCipher cipher;

    SecretService(SecretRepository secrets, ConversationService conversations, SecretCipher cipher) {
        this.secrets = secrets;
        this.conversations = conversations;
        this.cipher = cipher;
    }

    /**
     * The associated data a secret is sealed with: its owner and name, so a sealed value copied to
     * another row does not open. NUL cannot occur in a user id or a name.
     */
    public static String sealingContext(String userId, String name) {
        return userId + '\u0000' + name;
    }

    @WithSession
    public Uni<Page<SecretMetadata>> list(String userId, String pageId, int limit) {
        PageCursor cursor = PageCursor.decode(pageId, PAGE_SORT);
        return secrets.findPage(userId, cursor, limit).map(rows -> Page.of(rows, limit,
                s -> new PageCursor(PAGE_SORT, s.name, s.id), SecretService::metadata));
    }

    @WithTransaction
    public Uni<SecretMetadata> create(String userId, SecretCreateRequest request) {
        return secrets.findByName(userId, request.name()).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ProblemException.conflict("name", "a secret of this name exists"));
            }
            return insert(userId, request.name(), request.value(), request.description());
        });
    }

    @WithTransaction
    public Uni<Written<SecretMetadata>> put(String userId, String name, SecretPutRequest request) {
        if (request.name() != null && !request.name().equals(name)) {
            return Uni.createFrom().failure(ProblemException.invalid("name", "must equal the name in the path"));
        }
        return secrets.findByName(userId, name).flatMap(existing -> {
            if (existing == null) {
                return insert(userId, name, request.value(), request.description()).map(m -> new Written<>(true, m));
            }
            existing.ciphertext = cipher.seal(request.value(), sealingContext(userId, name));
            existing.description = request.description();
            existing.updatedAt = now();
            Log.infof("secret '%s' of %s replaced", name, userId);
            return Uni.createFrom().item(new Written<>(false, metadata(existing)));
        });
    }

    @WithTransaction
    public Uni<Void> delete(String userId, String name) {
        return secrets.delete("userId = ?1 and name = ?2", userId, name).flatMap(deleted -> deleted == 0
                ? Uni.createFrom().failure(ProblemException.notFound("secret", name))
                : Uni.createFrom().voidItem());
    }

    /** The value of a user's secret, for the integrations-service checking a git token with its provider. */
    @WithSession
    public Uni<SecretValue> resolveForUser(String userId, String name) {
        return secrets.findByName(userId, name)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("secret", name))
                .map(secret -> {
                    Log.infof("secret '%s' of %s resolved for a git connection", name, userId);
                    return new SecretValue(name, cipher.open(secret.ciphertext, sealingContext(secret.userId, name)));
                });
    }

    /** The value of a secret of the conversation's owner, for the agent-worker that runs the conversation. */
    @WithSession
    public Uni<SecretValue> resolveForConversation(UUID conversationId, String name) {
        return conversations.anyOwner(conversationId)
                .flatMap(conversation -> secrets.findByName(conversation.ownerId, name)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("secret", name))
                        .map(secret -> {
                            Log.infof("secret '%s' of %s resolved for conversation %s", name, conversation.ownerId,
                                    conversationId);
                            return new SecretValue(name, cipher.open(secret.ciphertext, sealingContext(secret.userId, name)));
                        }));
    }

    /**
     * Fails with a problem naming each field whose secret the user does not have.
     *
     * @param references field path to the secret name it refers to
     */
    @WithSession
    public Uni<Void> requireExisting(String userId, Map<String, String> references) {
        if (references.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return secrets.existingNames(userId, new HashSet<>(references.values())).flatMap(found -> {
            Set<String> existing = Set.copyOf(found);
            List<FieldError> missing = references.entrySet().stream()
                    .filter(reference -> !existing.contains(reference.getValue()))
                    .map(reference -> new FieldError(reference.getKey(),
                            "refers to secret '%s', which does not exist".formatted(reference.getValue())))
                    .toList();
            return missing.isEmpty() ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(ProblemException.invalid(missing));
        });
    }

    private Uni<SecretMetadata> insert(String userId, String name, String value, String description) {
        SecretEntity secret = new SecretEntity();
        secret.id = UUID.randomUUID();
        secret.userId = userId;
        secret.name = name;
        secret.description = description;
        secret.ciphertext = cipher.seal(value, sealingContext(userId, name));
        secret.createdAt = now();
        secret.updatedAt = secret.createdAt;
        Log.infof("secret '%s' of %s created", name, userId);
        return secrets.persist(secret).map(SecretService::metadata);
    }

    private static SecretMetadata metadata(SecretEntity secret) {
        return new SecretMetadata(secret.name, secret.description, secret.createdAt, secret.updatedAt);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
