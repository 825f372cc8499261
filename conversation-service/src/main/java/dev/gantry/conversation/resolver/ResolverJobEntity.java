package dev.gantry.conversation.resolver;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The conversation one webhook delivery started, and the issue or pull request it answers on. */
@Entity
@Table(name = "resolver_job")
public class ResolverJobEntity {

    @Id
    public UUID conversationId;
    public String provider;
    public String deliveryId;
    public UUID configurationId;
    public String userId;
    public String host;
    public String repository;
    public long itemNumber;
    public boolean pullRequest;
    public boolean startCommentPosted;
    public boolean closingCommentPosted;
    public Instant createdAt;
}
