package dev.gantry.conversation.service;

import dev.gantry.contracts.git.GitProvider;
import dev.gantry.conversation.mapping.ConversationMapping;
import dev.gantry.conversation.repository.ConversationEntity;
import dev.gantry.conversation.repository.GitConnectionEntity;
import dev.gantry.conversation.repository.GitConnectionRepository;
import dev.gantry.conversation.rest.dto.GitConnection;
import dev.gantry.conversation.rest.dto.GitCredentials;
import dev.gantry.conversation.rest.dto.PullRequest;
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
import java.util.UUID;

/**
 * The users' git connections, as the integrations-service writes them after checking their tokens with the
 * provider; what a conversation's repository is cloned with; the pull requests its agent opened.
 */
@ApplicationScoped
public class GitConnectionService {

    private final GitConnectionRepository connections;
    private final ConversationService conversations;
    private final SecretService secrets;

    GitConnectionService(GitConnectionRepository connections, ConversationService conversations, SecretService secrets) {
        this.connections = connections;
        this.conversations = conversations;
        this.secrets = secrets;
    }

    @WithSession
    public Uni<List<GitConnection>> list(String userId) {
        return connections.forUser(userId).map(rows -> rows.stream().map(GitConnectionService::toApi).toList());
    }

    /** Creates the user's connection to its host, or replaces the one to the same host. */
    @WithTransaction
    public Uni<Written<GitConnection>> upsert(String userId, GitConnection connection) {
        List<dev.gantry.contracts.problem.Problem.FieldError> missing = new ArrayList<>();
        java.util.Map<String, Object> required = new java.util.LinkedHashMap<>();
        required.put("provider", connection.provider());
        required.put("host", connection.host());
        required.put("apiUrl", connection.apiUrl());
        required.put("gitUrl", connection.gitUrl());
        required.put("tokenSecretName", connection.tokenSecretName());
        required.put("login", connection.login());
        required.forEach((field, value) -> {
            if (value == null || value.toString().isBlank()) {
                missing.add(new dev.gantry.contracts.problem.Problem.FieldError(field, "is required"));
            }
        });
        if (!missing.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(missing));
        }
        String host = connection.host().toLowerCase(Locale.ROOT);
        return secrets.requireExisting(userId, java.util.Map.of("tokenSecretName", connection.tokenSecretName()))
                .flatMap(ignored -> connections.findByHost(userId, host))
                .flatMap(existing -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    GitConnectionEntity row = existing != null ? existing : new GitConnectionEntity();
                    if (existing == null) {
                        row.id = UUID.randomUUID();
                        row.userId = userId;
                        row.host = host;
                        row.createdAt = now;
                    }
                    row.provider = connection.provider().wireName();
                    row.apiUrl = connection.apiUrl();
                    row.gitUrl = connection.gitUrl();
                    row.tokenSecretName = connection.tokenSecretName();
                    row.login = connection.login();
                    row.name = connection.name();
                    row.email = connection.email();
                    row.updatedAt = now;
                    Log.infof("git connection of %s to %s (%s) %s", userId, host, row.provider,
                            existing == null ? "created" : "replaced");
                    return connections.persist(row).map(saved -> new Written<>(existing == null, toApi(saved)));
                });
    }

    @WithTransaction
    public Uni<Void> delete(String userId, UUID id) {
        return connections.delete("userId = ?1 and id = ?2", userId, id).flatMap(deleted -> deleted == 0
                ? Uni.createFrom().failure(ProblemException.notFound("git connection", id))
                : Uni.createFrom().voidItem());
    }

    /** What the agent-worker clones and pushes the conversation's repository with, and the integrations-service opens pull requests with. */
    @WithSession
    public Uni<GitCredentials> credentials(UUID conversationId) {
        return conversations.anyOwner(conversationId).flatMap(conversation -> {
            if (conversation.repository == null || conversation.repositoryHost == null) {
                return Uni.createFrom().failure(ProblemException.notFound("repository of conversation", conversationId));
            }
            return connections.findByHost(conversation.ownerId, conversation.repositoryHost)
                    .onItem().ifNull().failWith(() -> ProblemException.invalid("repository", "is on "
                            + conversation.repositoryHost + ", whose git connection was removed"))
                    .flatMap(connection -> secrets.resolveForUser(conversation.ownerId, connection.tokenSecretName)
                            .map(token -> credentialsOf(conversation, connection, token.value())));
        });
    }

    /** Keeps a pull request the conversation's agent opened. */
    @WithTransaction
    public Uni<PullRequest> recordPullRequest(UUID conversationId, PullRequest request) {
        return conversations.anyOwner(conversationId).map(conversation -> {
            List<PullRequest> opened = new ArrayList<>(ConversationMapping.pullRequestsOf(conversation.pullRequests));
            PullRequest stored = new PullRequest(request.url(), request.number(), request.sourceBranch(),
                    request.targetBranch(), request.draft(), request.createdAt() != null ? request.createdAt()
                            : Instant.now().truncatedTo(ChronoUnit.MICROS));
            opened.removeIf(existing -> existing.url().equals(stored.url()));
            opened.add(stored);
            conversation.pullRequests = ConversationMapping.pullRequestsColumn(opened);
            Log.infof("conversation %s opened pull request %s", conversationId, stored.url());
            return stored;
        });
    }

    private static GitCredentials credentialsOf(ConversationEntity conversation, GitConnectionEntity connection, String token) {
        GitProvider provider = GitProvider.fromWire(connection.provider).orElseThrow();
        String name = connection.name == null || connection.name.isBlank() ? connection.login : connection.name;
        String email = connection.email == null || connection.email.isBlank()
                ? connection.login + "@users.noreply." + connection.host : connection.email;
        return new GitCredentials(provider, connection.host, conversation.repository, conversation.branch,
                connection.apiUrl, connection.gitUrl + "/" + conversation.repository + ".git", provider.tokenUser(), token,
                new GitCredentials.Identity(connection.login, name, email));
    }

    static GitConnection toApi(GitConnectionEntity row) {
        return new GitConnection(row.id, GitProvider.fromWire(row.provider).orElseThrow(), row.host, row.apiUrl, row.gitUrl,
                row.tokenSecretName, row.login, row.name, row.email, row.createdAt, row.updatedAt);
    }
}
