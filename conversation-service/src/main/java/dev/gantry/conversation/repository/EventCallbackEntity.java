package dev.gantry.conversation.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "event_callback")
public class EventCallbackEntity {

    @Id
    public UUID id;
    public String userId;
    public String url;
    /** JSON array of event kinds. */
    public String eventKinds;
    public String signingSecretName;
    public Instant createdAt;
}
