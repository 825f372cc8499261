package dev.gantry.conversation.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "mcp_server")
public class McpServerEntity {

    @Id
    public UUID id;
    public String userId;
    public String name;
    public String transport;
    public String command;
    /** JSON array of strings, or null. */
    public String args;
    public String url;
    /** JSON object of header name to value (a literal or {@code secret:<name>}), or null. */
    public String headers;
    public Instant createdAt;
    public Instant updatedAt;
}
