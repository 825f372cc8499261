package dev.gantry.conversation.resolver;

import dev.gantry.contracts.git.GitProvider;
import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.conversation.repository.GitConnectionRepository;
import dev.gantry.conversation.rest.dto.CreateConversationRequest;
import dev.gantry.conversation.service.ConversationService;
import dev.gantry.conversation.service.ProblemException;
import dev.gantry.conversation.service.SecretService;
import dev.gantry.conversation.service.Written;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The resolver's configurations and the conversations webhook deliveries started. The integrations-service checks
 * requests (who may configure what, the provider's shapes); this keeps them and makes a delivery start at most one
 * conversation.
 */
@ApplicationScoped
public class ResolverStore {

    private final ResolverConfigurationRepository configurations;
    private final ResolverJobRepository jobs;
    private final GitConnectionRepository connections;
    private final SecretService secrets;
    private final ConversationService conversations;

    ResolverStore(ResolverConfigurationRepository configurations, ResolverJobRepository jobs,
            GitConnectionRepository connections, SecretService secrets, ConversationService conversations) {
        this.configurations = configurations;
        this.jobs = jobs;
        this.connections = connections;
        this.secrets = secrets;
        this.conversations = conversations;
    }

    /** The user's configurations, or everyone's when {@code userId} is null. */
    @WithSession
    public Uni<List<ResolverConfiguration>> list(String userId) {
        var rows = userId == null ? configurations.everyone() : configurations.forUser(userId);
        return rows.map(list -> list.stream().map(ResolverStore::toApi).toList());
    }

    @WithSession
    public Uni<ResolverConfiguration> get(UUID id) {
        return configurations.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("resolver configuration", id))
                .map(ResolverStore::toApi);
    }

    @WithSession
    public Uni<ResolverConfiguration> forRepository(String provider, String host, String repository) {
        return configurations.forRepository(provider, host.toLowerCase(Locale.ROOT), repository)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("resolver configuration", repository))
                .map(ResolverStore::toApi);
    }

    /** Keeps a new configuration: its user must have the secret it names and a git connection to its host. */
    @WithTransaction
    public Uni<ResolverConfiguration> create(ResolverConfiguration request) {
        List<FieldError> missing = new ArrayList<>();
        Map<String, Object> required = new java.util.LinkedHashMap<>();
        required.put("userId", request.userId());
        required.put("provider", request.provider());
        required.put("host", request.host());
        required.put("repository", request.repository());
        required.put("webhookSecretName", request.webhookSecretName());
        required.put("label", request.label());
        required.put("mention", request.mention());
        required.put("createdBy", request.createdBy());
        required.forEach((field, value) -> {
            if (value == null || value.toString().isBlank()) {
                missing.add(new FieldError(field, "is required"));
            }
        });
        if (request.provider() != null && GitProvider.fromWire(request.provider()).isEmpty()) {
            missing.add(new FieldError("provider", "must be one of github, gitlab, bitbucket"));
        }
        if (!missing.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(missing));
        }
        String host = request.host().toLowerCase(Locale.ROOT);
        return secrets.requireExisting(request.userId(), Map.of("webhookSecretName", request.webhookSecretName()))
                .flatMap(ignored -> connections.findByHost(request.userId(), host))
                .onItem().ifNull().failWith(() -> ProblemException.invalid("host",
                        "has no git connection of the configuration's user: " + host))
                .flatMap(ignored -> configurations.forRepository(request.provider(), host, request.repository()))
                .flatMap(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(ProblemException.conflict("repository",
                                "already has a resolver configuration"));
                    }
                    ResolverConfigurationEntity row = new ResolverConfigurationEntity();
                    row.id = UUID.randomUUID();
                    row.userId = request.userId();
                    row.provider = request.provider();
                    row.host = host;
                    row.repository = request.repository();
                    row.webhookSecretName = request.webhookSecretName();
                    row.label = request.label();
                    row.mention = request.mention();
                    row.createdBy = request.createdBy();
                    row.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    Log.infof("resolver configuration %s: %s %s/%s as %s", row.id, row.provider, host, row.repository,
                            row.userId);
                    return configurations.persist(row).map(ResolverStore::toApi);
                });
    }

    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return configurations.deleteById(id).flatMap(deleted -> deleted ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ProblemException.notFound("resolver configuration", id)));
    }

    /**
     * Starts the conversation of a delivery as its configuration's user, recording the delivery in the same
     * transaction; a delivery recorded before answers its job, not created again.
     */
    public Uni<Written<ResolverJob>> start(String provider, ResolverStart request) {
        List<FieldError> missing = new ArrayList<>();
        if (GitProvider.fromWire(provider).isEmpty()) {
            missing.add(new FieldError("provider", "must be one of github, gitlab, bitbucket"));
        }
        if (request.configurationId() == null) {
            missing.add(new FieldError("configurationId", "is required"));
        }
        if (request.deliveryId() == null || request.deliveryId().isBlank() || request.deliveryId().length() > 255) {
            missing.add(new FieldError("deliveryId", "is required, at most 255 characters"));
        }
        if (!missing.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(missing));
        }
        return existingJob(provider, request.deliveryId()).flatMap(existing -> existing != null
                ? Uni.createFrom().item(new Written<>(false, existing))
                : create(provider, request).onFailure(failure -> !(failure instanceof ProblemException))
                        .recoverWithUni(failure -> existingJob(provider, request.deliveryId()).map(raced -> {
                            if (raced == null) {
                                throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
                            }
                            return new Written<>(false, raced);
                        })));
    }

    private Uni<Written<ResolverJob>> create(String provider, ResolverStart request) {
        return io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> configurations.findById(request.configurationId()))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("resolver configuration", request.configurationId()))
                .map(ResolverStore::toApi).flatMap(configuration -> {
            ResolverJobEntity row = new ResolverJobEntity();
            CreateConversationRequest conversation = new CreateConversationRequest(request.initialMessage(),
                    configuration.repository(), request.branch(), request.title());
            return conversations.create(configuration.userId(), conversation, conversationId -> {
                row.conversationId = conversationId;
                row.provider = provider;
                row.deliveryId = request.deliveryId();
                row.configurationId = configuration.id();
                row.userId = configuration.userId();
                row.host = configuration.host();
                row.repository = configuration.repository();
                row.itemNumber = request.itemNumber();
                row.pullRequest = request.pullRequest();
                row.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                return jobs.persist(row).replaceWithVoid();
            }).map(created -> {
                Log.infof("delivery %s of %s started conversation %s for %s", request.deliveryId(), provider,
                        created.id(), configuration.userId());
                return new Written<>(true, ResolverJob.of(row));
            });
        });
    }

    private Uni<ResolverJob> existingJob(String provider, String deliveryId) {
        return io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> jobs.forDelivery(provider, deliveryId))
                .map(row -> row == null ? null : ResolverJob.of(row));
    }

    @WithSession
    public Uni<ResolverJob> job(UUID conversationId) {
        return jobs.findById(conversationId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("resolver job of conversation", conversationId))
                .map(ResolverJob::of);
    }

    @WithTransaction
    public Uni<ResolverJob> update(UUID conversationId, ResolverJobUpdate update) {
        return jobs.findById(conversationId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("resolver job of conversation", conversationId))
                .map(row -> {
                    if (update.startCommentPosted() != null) {
                        row.startCommentPosted = update.startCommentPosted();
                    }
                    if (update.closingCommentPosted() != null) {
                        row.closingCommentPosted = update.closingCommentPosted();
                    }
                    return ResolverJob.of(row);
                });
    }

    static ResolverConfiguration toApi(ResolverConfigurationEntity row) {
        return new ResolverConfiguration(row.id, row.userId, row.provider, row.host, row.repository,
                row.webhookSecretName, row.label, row.mention, row.createdBy, row.createdAt);
    }
}
