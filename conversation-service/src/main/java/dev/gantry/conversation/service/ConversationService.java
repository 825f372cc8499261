package dev.gantry.conversation.service;

import dev.gantry.contracts.command.ConfirmationResponse;
import dev.gantry.contracts.command.ConversationCommand;
import dev.gantry.contracts.command.DeleteConversation;
import dev.gantry.contracts.command.Pause;
import dev.gantry.contracts.command.Resume;
import dev.gantry.contracts.command.SendMessage;
import dev.gantry.contracts.command.StartConversation;
import dev.gantry.contracts.command.Stop;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.sandbox.CreateSandbox;
import dev.gantry.contracts.sandbox.DeleteSandbox;
import dev.gantry.conversation.admission.QueuedCommands;
import dev.gantry.conversation.mapping.ConversationMapping;
import dev.gantry.conversation.outbox.CommandOutbox;
import dev.gantry.conversation.outbox.OutboxRelay;
import dev.gantry.conversation.repository.ConversationEntity;
import dev.gantry.conversation.repository.ConversationRepository;
import dev.gantry.conversation.repository.GitConnectionRepository;
import dev.gantry.conversation.repository.MetricsColumns;
import dev.gantry.conversation.rest.dto.ConfirmationRequest;
import dev.gantry.conversation.rest.dto.ConversationResponse;
import dev.gantry.conversation.rest.dto.CreateConversationRequest;
import dev.gantry.conversation.rest.dto.SendMessageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Conversations and their lifecycle. Every change that concerns the agent writes its command into
 * the outbox in the same transaction, so the record and its commands are committed together.
 */
@ApplicationScoped
public class ConversationService {

    private final ConversationRepository conversations;
    private final SettingsService settings;
    private final CommandOutbox outbox;
    private final OutboxRelay relay;
    private final GitConnectionRepository gitConnections;
    private final QueuedCommands queued;

    ConversationService(ConversationRepository conversations, SettingsService settings, CommandOutbox outbox,
            OutboxRelay relay, GitConnectionRepository gitConnections, QueuedCommands queued) {
        this.gitConnections = gitConnections;
        this.queued = queued;
        this.conversations = conversations;
        this.settings = settings;
        this.outbox = outbox;
        this.relay = relay;
    }

    /** Stores the conversation with its own new sandbox id and the owner's settings as they are now, and starts it. */
    public Uni<ConversationResponse> create(String ownerId, CreateConversationRequest request) {
        return create(ownerId, request, null, id -> Uni.createFrom().voidItem());
    }

    /**
     * As {@link #create(String, CreateConversationRequest)}, keeping the request's idempotency key on the conversation
     * (see {@link IdempotentCreate}); another create with the key of the same owner fails on its unique index.
     */
    public Uni<ConversationResponse> create(String ownerId, CreateConversationRequest request, KeyedCreate keyed) {
        return create(ownerId, request, keyed, id -> Uni.createFrom().voidItem());
    }

    /**
     * As {@link #create(String, CreateConversationRequest)}, with {@code alongside} (given the new conversation's id)
     * written in the same transaction: the resolver records the delivery that started it, so a delivery seen again
     * finds its conversation and a failed write leaves neither.
     */
    public Uni<ConversationResponse> create(String ownerId, CreateConversationRequest request,
            Function<UUID, Uni<Void>> alongside) {
        return create(ownerId, request, null, alongside);
    }

    private Uni<ConversationResponse> create(String ownerId, CreateConversationRequest request, KeyedCreate keyed,
            Function<UUID, Uni<Void>> alongside) {
        return committed(() -> repositoryOf(ownerId, request).flatMap(repository -> settings.effective(ownerId).flatMap(agentSettings -> {
            Instant now = now();
            ConversationEntity conversation = new ConversationEntity();
            conversation.id = UUID.randomUUID();
            conversation.ownerId = ownerId;
            conversation.title = request.title();
            conversation.status = ExecutionStatus.IDLE;
            conversation.repository = repository == null ? null : repository.path();
            conversation.repositoryHost = repository == null ? null : repository.host();
            conversation.branch = request.branch();
            conversation.sandboxId = UUID.randomUUID();
            conversation.settings = ConversationMapping.toColumns(agentSettings);
            conversation.metrics = new MetricsColumns();
            conversation.createdAt = now;
            conversation.updatedAt = now;
            conversation.idempotencyKey = keyed == null ? null : keyed.key();
            conversation.requestFingerprint = keyed == null ? null : keyed.fingerprint();
            StartConversation start = new StartConversation(UUID.randomUUID(), conversation.id, now, ownerId,
                    conversation.sandboxId, request.initialMessage(), conversation.repository, request.branch(), agentSettings);
            Uni<Integer> keyFreed = keyed == null ? Uni.createFrom().item(0)
                    : conversations.freeIdempotencyKey(ownerId, keyed.key(), keyed.keptSince());
            // one that runs at once is admitted now or queued, as late in the transaction as can be: the decision
            // holds admission's lock until the commit
            Uni<UUID> heldFor = start.initialMessage() == null ? Uni.createFrom().nullItem()
                    : queued.toRun(conversation, now);
            return keyFreed.flatMap(ignored -> heldFor).flatMap(held -> conversations.persist(conversation)
                    .call(() -> alongside.apply(conversation.id))
                    // a conversation that runs at once has its sandbox asked for now, ahead of the agent's first tool
                    .call(() -> start.initialMessage() == null ? Uni.createFrom().voidItem()
                            : outbox.enqueue(sandboxFor(conversation, now), held))
                    .call(() -> outbox.enqueue(start, held))
                    .invoke(() -> Log.infof("conversation %s created for %s, sandbox %s%s", conversation.id, ownerId,
                            conversation.sandboxId, held == null ? "" : ", queued")))
                    .map(ConversationMapping::toResponse);
        }))).invoke(created -> queued.afterCommit(created.status()));
    }

    /** The repository the request names, resolved against the owner's git connections; null when it names none. */
    private Uni<RepositoryReference> repositoryOf(String ownerId, CreateConversationRequest request) {
        if (request.repository() == null) {
            if (request.branch() != null) {
                return Uni.createFrom().failure(ProblemException.invalid("branch", "needs a repository"));
            }
            return Uni.createFrom().nullItem();
        }
        return gitConnections.forUser(ownerId).map(rows -> RepositoryReference.resolve(request.repository(), rows));
    }

    @WithSession
    public Uni<ConversationResponse> get(String ownerId, UUID id) {
        return owned(ownerId, id).map(ConversationMapping::toResponse);
    }

    /** Whoever owns it: for the agent-worker's internal calls. */
    @WithSession
    public Uni<ConversationResponse> getAnyOwner(UUID id) {
        return anyOwner(id).map(ConversationMapping::toResponse);
    }

    /** The conversation whoever owns it, or a not-found problem: for the internal routes, in the caller's session. */
    Uni<ConversationEntity> anyOwner(UUID id) {
        return conversations.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("conversation", id));
    }

    @WithSession
    public Uni<Page<ConversationResponse>> list(ConversationQuery query) {
        String sort = query.sort().wireName();
        boolean byCreation = "createdAt".equals(query.sort().attribute());
        return conversations.findPage(query).map(rows -> Page.of(rows, query.limit(),
                c -> new PageCursor(sort, (byCreation ? c.createdAt : c.updatedAt).toString(), c.id),
                ConversationMapping::toResponse));
    }

    @WithTransaction
    public Uni<ConversationResponse> rename(String ownerId, UUID id, String title) {
        return owned(ownerId, id).map(conversation -> {
            conversation.title = title.strip();
            conversation.updatedAt = now();
            return ConversationMapping.toResponse(conversation);
        });
    }

    /** Stops the agent, has the worker forget the conversation and the sandbox-manager remove its sandbox, then removes the record. */
    public Uni<Void> delete(String ownerId, UUID id) {
        return committed(() -> ownedForUpdate(ownerId, id).call(conversation -> {
            Instant now = now();
            return queued.discardHeld(conversation).call(() -> outbox.enqueue(new Stop(UUID.randomUUID(), id, now)))
                    .call(() -> outbox.enqueue(new DeleteConversation(UUID.randomUUID(), id, now)))
                    .call(() -> outbox.enqueue(new DeleteSandbox(UUID.randomUUID(), conversation.sandboxId, now)))
                    // a delete by query, as every other delete here: removing the loaded entity hit Hibernate
                    // Reactive's thread check under load (HR000069, quarkusio/quarkus#41945), a 500 to the user
                    .call(() -> conversations.delete("id", conversation.id));
        })).invoke(() -> Log.infof("conversation %s deleted by %s", id, ownerId)).replaceWithVoid();
    }

    /**
     * A message that sets the agent going also has its sandbox asked for (a no-op if it exists) ahead of the first
     * tool. It sets going a conversation whose agent is done (idle or ended) only if admission lets it run now; else
     * the conversation is queued, and the message waits with it.
     */
    public Uni<UUID> sendMessage(String ownerId, UUID id, SendMessageRequest message) {
        Instant now = now();
        SendMessage command = new SendMessage(UUID.randomUUID(), id, now, message.content(), message.runOrDefault());
        if (!command.run()) {
            return issue(ownerId, id, command);
        }
        return committed(() -> ownedForUpdate(ownerId, id).call(conversation -> queued.toRun(conversation, now)
                .call(held -> outbox.enqueue(sandboxFor(conversation, now), held)
                        .call(() -> outbox.enqueue(command, held)))))
                .invoke(conversation -> queued.afterCommit(conversation.status))
                .map(ignored -> command.commandId());
    }

    /**
     * Asks the sandbox-manager for the conversation's sandbox (from its warm pool when one is ready) so that it
     * starts while the agent's first step is prepared; creating a sandbox that exists changes nothing, and the
     * agent-worker asks again when its first tool runs.
     */
    private static CreateSandbox sandboxFor(ConversationEntity conversation, Instant now) {
        return new CreateSandbox(UUID.randomUUID(), conversation.sandboxId, now, conversation.ownerId, conversation.id, null);
    }

    public Uni<UUID> pause(String ownerId, UUID id) {
        return issue(ownerId, id, new Pause(UUID.randomUUID(), id, now()));
    }

    public Uni<UUID> resume(String ownerId, UUID id) {
        return issue(ownerId, id, new Resume(UUID.randomUUID(), id, now()));
    }

    public Uni<UUID> stop(String ownerId, UUID id) {
        return issue(ownerId, id, new Stop(UUID.randomUUID(), id, now()));
    }

    public Uni<UUID> confirm(String ownerId, UUID id, ConfirmationRequest answer) {
        return issue(ownerId, id, new ConfirmationResponse(UUID.randomUUID(), id, now(), answer.accept(), answer.reason()));
    }

    /**
     * Queues a command for a conversation of the caller's, answering its id; while the conversation is queued, as
     * {@link QueuedCommands#enqueue} says.
     */
    private Uni<UUID> issue(String ownerId, UUID id, ConversationCommand command) {
        return committed(() -> ownedForUpdate(ownerId, id).call(conversation -> queued.enqueue(conversation, command, now())))
                .map(ignored -> command.commandId());
    }

    /**
     * Runs work that writes commands in one transaction and, once it committed, has the relay send
     * them now rather than at its next periodic pass.
     */
    private <T> Uni<T> committed(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(relay::wakeUp);
    }

    /** As {@link #owned}, its row locked until the commit (see {@link ConversationRepository#findOwnedForUpdate}). */
    private Uni<ConversationEntity> ownedForUpdate(String ownerId, UUID id) {
        return found(conversations.findOwnedForUpdate(id, ownerId), id);
    }

    private Uni<ConversationEntity> owned(String ownerId, UUID id) {
        return found(conversations.findOwned(id, ownerId), id);
    }

    /** The conversation the lookup found, or a not-found problem naming {@code id}. */
    private static Uni<ConversationEntity> found(Uni<ConversationEntity> lookup, UUID id) {
        return lookup.onItem().ifNull().failWith(() -> ProblemException.notFound("conversation", id));
    }

    /** PostgreSQL keeps microseconds: an instant with more would not equal itself after a round trip. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
