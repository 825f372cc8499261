package dev.gantry.conversation.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "skill")
public class SkillEntity {

    @Id
    public UUID id;
    public String userId;
    public String name;
    /** JSON array of strings; null when the skill is always on. */
    public String triggers;
    public String content;
    public Instant createdAt;
    public Instant updatedAt;
}
