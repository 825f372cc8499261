package dev.gantry.conversation.resolver;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A repository whose webhooks start conversations as {@link #userId}; the webhook secret is the user's secret of that name. */
@Entity
@Table(name = "resolver_configuration")
public class ResolverConfigurationEntity {

    @Id
    public UUID id;
    public String userId;
    public String provider;
    public String host;
    public String repository;
    public String webhookSecretName;
    public String label;
    public String mention;
    public String createdBy;
    public Instant createdAt;
}
