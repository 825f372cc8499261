package dev.gantry.conversation.repository;

import dev.gantry.contracts.command.CondenserMode;
import dev.gantry.contracts.command.ConfirmationPolicy;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.math.BigDecimal;

/** The agent settings a conversation was started with, snapshotted from the owner's settings. */
@Embeddable
public class AgentSettingsColumns {

    public String model;
    public String baseUrl;
    public String apiKeySecretName;
    public int maxIterations;
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
}
