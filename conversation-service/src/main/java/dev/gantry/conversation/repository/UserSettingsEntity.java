package dev.gantry.conversation.repository;

import dev.gantry.contracts.command.CondenserMode;
import dev.gantry.contracts.command.ConfirmationPolicy;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** What one user changed of their settings; a null field falls back to the configured default. */
@Entity
@Table(name = "user_settings")
public class UserSettingsEntity {

    @Id
    public String userId;
    public String model;
    public String baseUrl;
    public String apiKeySecretName;
    public Integer maxIterations;
    @Enumerated(EnumType.STRING)
    public ConfirmationPolicy confirmationPolicy;
    public BigDecimal maxBudget;
    public Long maxTokens;
    /** Comma-separated names of the secrets the sandbox gets; null or empty for none. */
    public String sandboxSecrets;
    /** The condenser's mode, most events and first events kept; null for the agent-worker's own. */
    @Enumerated(EnumType.STRING)
    public CondenserMode condenserMode;
    public Integer condenserMaxSize;
    public Integer condenserKeepFirst;
    public Instant updatedAt;
}
