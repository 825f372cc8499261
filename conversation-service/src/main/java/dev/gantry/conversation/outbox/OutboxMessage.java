package dev.gantry.conversation.outbox;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A command committed with the change that issued it, waiting for (or done with) its trip to Kafka. */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage {

    /** Increases with every insert: the relay sends in this order, which keeps a conversation's commands in order. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String topic;
    public String recordKey;
    public UUID commandId;
    public String kind;
    public String payload;
    public Instant createdAt;
    public int attempts;
    /** Why the last send failed; never holds a secret, since commands carry none. */
    public String lastError;
    /** The W3C trace context of the request that issued it, so its record continues that trace; null if untraced. */
    public String traceparent;
    /**
     * The queued conversation whose admission it waits for (the relay leaves it until then), or null: sent in its
     * turn. See {@link dev.gantry.conversation.admission.Admission}.
     */
    public UUID heldFor;
    /** When Kafka acknowledged it; null while pending. */
    public Instant sentAt;
}
