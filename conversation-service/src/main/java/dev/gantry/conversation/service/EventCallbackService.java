package dev.gantry.conversation.service;

import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.conversation.mapping.JsonColumns;
import dev.gantry.conversation.repository.EventCallbackEntity;
import dev.gantry.conversation.repository.EventCallbackRepository;
import dev.gantry.conversation.rest.dto.EventCallback;
import dev.gantry.conversation.rest.dto.EventCallbackRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;

/** Where a user wants their conversations' events posted (the integrations-service does the posting). */
@ApplicationScoped
public class EventCallbackService {

    private static final String PAGE_SORT = "createdAt";
    /** The kinds the event log has, sorted. */
    private static final Set<String> EVENT_KINDS = new TreeSet<>(EventPayload.KINDS);

    private final EventCallbackRepository callbacks;
    private final ConversationService conversations;
    private final SecretService secrets;
    private final JsonColumns json;

    EventCallbackService(EventCallbackRepository callbacks, ConversationService conversations, SecretService secrets,
            JsonColumns json) {
        this.callbacks = callbacks;
        this.conversations = conversations;
        this.secrets = secrets;
        this.json = json;
    }

    /** Every callback of the conversation's owner, oldest first: where the integrations-service posts its events. */
    @WithSession
    public Uni<List<EventCallback>> forConversation(UUID conversationId) {
        return conversations.anyOwner(conversationId)
                .flatMap(conversation -> callbacks.ofUser(conversation.ownerId))
                .map(rows -> rows.stream().map(this::toApi).toList());
    }

    @WithSession
    public Uni<Page<EventCallback>> list(String userId, String pageId, int limit) {
        PageCursor cursor = PageCursor.decode(pageId, PAGE_SORT);
        return callbacks.findPage(userId, cursor, limit).map(rows -> Page.of(rows, limit,
                c -> new PageCursor(PAGE_SORT, c.createdAt.toString(), c.id), this::toApi));
    }

    @WithTransaction
    public Uni<EventCallback> create(String userId, EventCallbackRequest request) {
        List<String> kinds = request.eventKinds();
        List<FieldError> unknown = IntStream.range(0, kinds.size())
                .filter(i -> !EVENT_KINDS.contains(kinds.get(i)))
                .mapToObj(i -> new FieldError("eventKinds[" + i + "]", "is not an event kind; known: " + String.join(", ", EVENT_KINDS)))
                .toList();
        if (!unknown.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(unknown));
        }
        Map<String, String> references = request.signingSecretName() == null ? Map.of()
                : Map.of("signingSecretName", request.signingSecretName());
        return secrets.requireExisting(userId, references).flatMap(ignored -> {
            EventCallbackEntity row = new EventCallbackEntity();
            row.id = UUID.randomUUID();
            row.userId = userId;
            row.url = request.url();
            row.eventKinds = json.write(List.copyOf(new TreeSet<>(kinds)));
            row.signingSecretName = request.signingSecretName();
            row.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return callbacks.persist(row).map(this::toApi);
        });
    }

    @WithTransaction
    public Uni<Void> delete(String userId, UUID id) {
        return callbacks.delete("id = ?1 and userId = ?2", id, userId).flatMap(deleted -> deleted == 0
                ? Uni.createFrom().failure(ProblemException.notFound("event callback", id))
                : Uni.createFrom().voidItem());
    }

    private EventCallback toApi(EventCallbackEntity row) {
        return new EventCallback(row.id, row.url, json.readList(row.eventKinds), row.signingSecretName);
    }
}
