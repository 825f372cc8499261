package dev.gantry.conversation.service;

import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.contracts.command.CondenserSettings;
import dev.gantry.contracts.llm.LlmModel;
import dev.gantry.conversation.config.ConversationConfig;
import dev.gantry.conversation.mapping.ConversationMapping;
import dev.gantry.conversation.repository.UserSettingsEntity;
import dev.gantry.conversation.repository.UserSettingsRepository;
import dev.gantry.conversation.rest.dto.CondenserUpdate;
import dev.gantry.conversation.rest.dto.SettingsUpdate;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** A user's agent settings: what they changed, over the configured defaults. */
@ApplicationScoped
public class SettingsService {

    private final UserSettingsRepository settings;
    private final SecretService secrets;
    private final ConversationConfig config;
    private final LlmEndpointCheck endpoints;

    SettingsService(UserSettingsRepository settings, SecretService secrets, ConversationConfig config,
            LlmEndpointCheck endpoints) {
        this.settings = settings;
        this.secrets = secrets;
        this.config = config;
        this.endpoints = endpoints;
    }

    @WithSession
    public Uni<AgentSettings> effective(String userId) {
        return settings.findById(userId).map(this::overDefaults);
    }

    /**
     * Merges the update; every secret {@code sandboxSecrets} names must exist, else 400 naming its entry,
     * {@code baseUrl} must be one the worker may call ({@link LlmEndpointCheck}), else 400 naming it, a
     * {@code provider/} prefix of {@code model} must name a provider the worker knows ({@link LlmModel}), and a
     * {@code condenser} must leave room for a condensation, else 400 naming {@code condenser.keepFirst}.
     */
    @WithTransaction
    public Uni<AgentSettings> update(String userId, SettingsUpdate update) {
        if (update.model() != null && LlmModel.parse(update.model().strip()) instanceof LlmModel.Parsed.Invalid bad) {
            return Uni.createFrom().failure(ProblemException.invalid("model", bad.reason()));
        }
        CondenserUpdate condenser = update.condenser();
        if (condenser != null && condenser.maxSize() != null && condenser.keepFirst() != null
                && !CondenserSettings.leavesRoom(condenser.maxSize(), condenser.keepFirst())) {
            return Uni.createFrom().failure(ProblemException.invalid("condenser.keepFirst",
                    "must be less than maxSize / 2 - 1 (" + (condenser.maxSize() / 2 - 1) + ")"));
        }
        Map<String, String> references = new LinkedHashMap<>();
        List<String> exported = update.sandboxSecrets() == null ? List.of() : update.sandboxSecrets();
        for (int i = 0; i < exported.size(); i++) {
            references.put("sandboxSecrets[" + i + "]", exported.get(i));
        }
        return endpoints.require("baseUrl", update.baseUrl())
                .flatMap(allowed -> secrets.requireExisting(userId, references))
                .flatMap(checked -> settings.findById(userId)).flatMap(stored -> {
            UserSettingsEntity row = stored != null ? stored : newRow(userId);
            if (update.model() != null) {
                row.model = update.model().strip();
            }
            if (update.baseUrl() != null) {
                row.baseUrl = update.baseUrl();
            }
            if (update.apiKeySecretName() != null) {
                row.apiKeySecretName = update.apiKeySecretName();
            }
            if (update.maxIterations() != null) {
                row.maxIterations = update.maxIterations();
            }
            if (update.confirmationPolicy() != null) {
                row.confirmationPolicy = update.confirmationPolicy();
            }
            if (update.maxBudget() != null) {
                row.maxBudget = update.maxBudget();
            }
            if (update.maxTokens() != null) {
                row.maxTokens = update.maxTokens();
            }
            if (condenser != null) {
                row.condenserMode = condenser.mode();
                row.condenserMaxSize = condenser.maxSize();
                row.condenserKeepFirst = condenser.keepFirst();
            }
            if (update.sandboxSecrets() != null) {
                row.sandboxSecrets = ConversationMapping.namesColumn(List.copyOf(new LinkedHashSet<>(exported)));
            }
            row.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return settings.persist(row);
        }).map(this::overDefaults);
    }

    private static UserSettingsEntity newRow(String userId) {
        UserSettingsEntity row = new UserSettingsEntity();
        row.userId = userId;
        return row;
    }

    private AgentSettings overDefaults(UserSettingsEntity row) {
        ConversationConfig.Defaults d = config.defaults();
        if (row == null) {
            return new AgentSettings(d.model(), d.baseUrl().orElse(null), d.apiKeySecretName().orElse(null),
                    d.maxIterations(), d.confirmationPolicy(), d.maxBudget().orElse(null), List.of(),
                    d.maxTokens().orElse(null));
        }
        return new AgentSettings(
                row.model != null ? row.model : d.model(),
                row.baseUrl != null ? row.baseUrl : d.baseUrl().orElse(null),
                row.apiKeySecretName != null ? row.apiKeySecretName : d.apiKeySecretName().orElse(null),
                row.maxIterations != null ? row.maxIterations : d.maxIterations(),
                row.confirmationPolicy != null ? row.confirmationPolicy : d.confirmationPolicy(),
                row.maxBudget != null ? row.maxBudget : d.maxBudget().orElse(null),
                ConversationMapping.namesOf(row.sandboxSecrets),
                row.maxTokens != null ? row.maxTokens : d.maxTokens().orElse(null),
                ConversationMapping.condenserOf(row.condenserMode, row.condenserMaxSize, row.condenserKeepFirst));
    }
}
