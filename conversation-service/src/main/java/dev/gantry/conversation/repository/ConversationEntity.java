package dev.gantry.conversation.repository;

import dev.gantry.contracts.event.ExecutionStatus;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "conversation")
public class ConversationEntity {

    @Id
    public UUID id;
    public String ownerId;
    public String title;
    @Enumerated(EnumType.STRING)
    public ExecutionStatus status;
    public String repository;
    public String branch;
    /** The git host of the repository (the connection it is cloned with), or null without a repository. */
    public String repositoryHost;
    /** The pull requests the agent opened, a JSON array, or null for none. */
    public String pullRequests;
    public UUID sandboxId;
    @Embedded
    public AgentSettingsColumns settings;
    @Embedded
    public MetricsColumns metrics;
    public long lastSeq;
    /** Since when it waits for admission (status QUEUED), or null. */
    public Instant queuedAt;
    public Instant createdAt;
    public Instant updatedAt;
    /** The {@code Idempotency-Key} it was created with (unique per owner), or null; freed once past its retention. */
    public String idempotencyKey;
    /** The hex SHA-256 of the create request that came with {@link #idempotencyKey}. */
    public String requestFingerprint;
}
