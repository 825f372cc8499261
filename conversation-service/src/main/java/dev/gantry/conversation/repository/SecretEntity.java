package dev.gantry.conversation.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "user_secret")
public class SecretEntity {

    @Id
    public UUID id;
    public String userId;
    public String name;
    public String description;
    /** Sealed by {@link dev.gantry.conversation.crypto.SecretCipher}; the plaintext is never stored. */
    public byte[] ciphertext;
    public Instant createdAt;
    public Instant updatedAt;
}
