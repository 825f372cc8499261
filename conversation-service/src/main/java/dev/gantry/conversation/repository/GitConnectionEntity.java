package dev.gantry.conversation.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user's connection to a git host; the token stays in the user's secret of that name. */
@Entity
@Table(name = "git_connection")
public class GitConnectionEntity {

    @Id
    public UUID id;
    public String userId;
    public String provider;
    public String host;
    public String apiUrl;
    public String gitUrl;
    public String tokenSecretName;
    public String login;
    @Column(name = "display_name")
    public String name;
    public String email;
    public Instant createdAt;
    public Instant updatedAt;
}
