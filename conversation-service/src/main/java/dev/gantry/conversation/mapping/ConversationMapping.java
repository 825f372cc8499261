package dev.gantry.conversation.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.contracts.command.CondenserMode;
import dev.gantry.contracts.command.CondenserSettings;
import dev.gantry.contracts.event.ConversationMetrics;
import dev.gantry.conversation.repository.AgentSettingsColumns;
import dev.gantry.conversation.repository.ConversationEntity;
import dev.gantry.conversation.repository.MetricsColumns;
import dev.gantry.conversation.rest.dto.ConversationResponse;
import dev.gantry.conversation.rest.dto.PullRequest;
import java.util.List;

/** Between a stored conversation and the {@code Conversation} of the API. */
public final class ConversationMapping {

    private static final TypeReference<List<PullRequest>> PULL_REQUESTS = new TypeReference<>() {
    };

    private ConversationMapping() {
    }

    public static ConversationResponse toResponse(ConversationEntity c) {
        return new ConversationResponse(c.id, c.ownerId, c.title, c.status, c.repository, c.branch, c.repositoryHost,
                pullRequestsOf(c.pullRequests), c.sandboxId, toSettings(c.settings), toMetrics(c.metrics), c.lastSeq,
                c.createdAt, c.updatedAt);
    }

    /** The pull requests of a conversation, kept as one JSON array: they are only ever read whole and appended to. */
    public static List<PullRequest> pullRequestsOf(String column) {
        if (column == null || column.isBlank()) {
            return List.of();
        }
        try {
            return GantryJson.mapper().readValue(column, PULL_REQUESTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the pull requests of a conversation do not read back", e);
        }
    }

    public static String pullRequestsColumn(List<PullRequest> pullRequests) {
        try {
            return GantryJson.mapper().writeValueAsString(pullRequests);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("pull requests did not serialize", e);
        }
    }

    public static AgentSettings toSettings(AgentSettingsColumns s) {
        return new AgentSettings(s.model, s.baseUrl, s.apiKeySecretName, s.maxIterations, s.confirmationPolicy, s.maxBudget,
                namesOf(s.sandboxSecrets), s.maxTokens,
                condenserOf(s.condenserMode, s.condenserMaxSize, s.condenserKeepFirst));
    }

    public static AgentSettingsColumns toColumns(AgentSettings settings) {
        AgentSettingsColumns columns = new AgentSettingsColumns();
        columns.model = settings.model();
        columns.baseUrl = settings.baseUrl();
        columns.apiKeySecretName = settings.apiKeySecretName();
        columns.maxIterations = settings.maxIterations();
        columns.confirmationPolicy = settings.confirmationPolicy();
        columns.maxBudget = settings.maxBudget();
        columns.maxTokens = settings.maxTokens();
        columns.sandboxSecrets = namesColumn(settings.sandboxSecrets());
        if (settings.condenser() != null) {
            columns.condenserMode = settings.condenser().mode();
            columns.condenserMaxSize = settings.condenser().maxSize();
            columns.condenserKeepFirst = settings.condenser().keepFirst();
        }
        return columns;
    }

    /** A condenser choice kept as three columns; all null is none (the installation's). */
    public static CondenserSettings condenserOf(CondenserMode mode, Integer maxSize, Integer keepFirst) {
        return mode == null && maxSize == null && keepFirst == null ? null
                : new CondenserSettings(mode, maxSize, keepFirst);
    }

    /** Secret names have no comma, so a list of them is kept as one comma-separated column. */
    public static List<String> namesOf(String column) {
        return column == null || column.isEmpty() ? List.of() : List.of(column.split(","));
    }

    public static String namesColumn(List<String> names) {
        return String.join(",", names);
    }

    /** An embedded object whose columns are all null comes back from Hibernate as null: no metrics yet. */
    public static ConversationMetrics toMetrics(MetricsColumns m) {
        return m == null ? ConversationMetrics.ZERO
                : new ConversationMetrics(m.promptTokens, m.completionTokens, m.cost, m.llmCalls, m.llmLatencyMillis);
    }
}
