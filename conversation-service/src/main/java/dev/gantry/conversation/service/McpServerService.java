package dev.gantry.conversation.service;

import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.conversation.mapping.JsonColumns;
import dev.gantry.conversation.repository.McpServerEntity;
import dev.gantry.conversation.repository.McpServerRepository;
import dev.gantry.conversation.rest.dto.FieldRules;
import dev.gantry.conversation.rest.dto.McpServer;
import dev.gantry.conversation.rest.dto.McpTransport;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** The MCP servers a user's agents may use, checked for a shape their transport can run and for the secrets they name. */
@ApplicationScoped
public class McpServerService {

    private static final String PAGE_SORT = "name";
    private static final Pattern SECRET_NAME = Pattern.compile(FieldRules.NAME_PATTERN);

    private final McpServerRepository servers;
    private final SecretService secrets;
    private final JsonColumns json;
    private final ConversationService conversations;

    McpServerService(McpServerRepository servers, SecretService secrets, JsonColumns json,
            ConversationService conversations) {
        this.servers = servers;
        this.secrets = secrets;
        this.json = json;
        this.conversations = conversations;
    }

    /** Every server of the conversation's owner, by name: the MCP tools its agent gets. */
    @WithSession
    public Uni<List<McpServer>> forConversation(UUID conversationId) {
        return conversations.anyOwner(conversationId)
                .flatMap(conversation -> servers.ofUser(conversation.ownerId))
                .map(rows -> rows.stream().map(this::toApi).toList());
    }

    @WithSession
    public Uni<Page<McpServer>> list(String userId, String pageId, int limit) {
        PageCursor cursor = PageCursor.decode(pageId, PAGE_SORT);
        return servers.findPage(userId, cursor, limit).map(rows -> Page.of(rows, limit,
                s -> new PageCursor(PAGE_SORT, s.name, s.id), this::toApi));
    }

    /** Creates the server, or replaces the one of the same name. */
    @WithTransaction
    public Uni<Written<McpServer>> upsert(String userId, McpServer server) {
        List<FieldError> errors = shapeErrors(server);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(errors));
        }
        return secrets.requireExisting(userId, secretReferences(server))
                .flatMap(ignored -> servers.findByName(userId, server.name()))
                .flatMap(existing -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    McpServerEntity row = existing != null ? existing : new McpServerEntity();
                    if (existing == null) {
                        row.id = UUID.randomUUID();
                        row.userId = userId;
                        row.name = server.name();
                        row.createdAt = now;
                    }
                    row.transport = server.transport().wireName();
                    row.command = server.command();
                    row.args = json.write(server.args());
                    row.url = server.url();
                    row.headers = json.write(server.headers());
                    row.updatedAt = now;
                    return servers.persist(row).map(saved -> new Written<>(existing == null, toApi(saved)));
                });
    }

    @WithTransaction
    public Uni<Void> delete(String userId, String name) {
        return servers.delete("userId = ?1 and name = ?2", userId, name).flatMap(deleted -> deleted == 0
                ? Uni.createFrom().failure(ProblemException.notFound("MCP server", name))
                : Uni.createFrom().voidItem());
    }

    private McpServer toApi(McpServerEntity row) {
        return new McpServer(row.name, McpTransport.fromWire(row.transport), row.command, json.readList(row.args),
                row.url, json.readMap(row.headers));
    }

    /** What the transport needs and forbids: a command for stdio, a URL for the network transports. */
    private static List<FieldError> shapeErrors(McpServer server) {
        List<FieldError> errors = new ArrayList<>();
        boolean hasCommand = server.command() != null && !server.command().isBlank();
        if (server.transport() == McpTransport.STDIO) {
            if (!hasCommand) {
                errors.add(new FieldError("command", "is required for the stdio transport"));
            }
            if (server.url() != null) {
                errors.add(new FieldError("url", "is not used by the stdio transport"));
            }
        } else {
            if (server.url() == null) {
                errors.add(new FieldError("url", "is required for the sse and streamable-http transports"));
            }
            if (server.command() != null) {
                errors.add(new FieldError("command", "is only used by the stdio transport"));
            }
            if (server.args() != null && !server.args().isEmpty()) {
                errors.add(new FieldError("args", "are only used by the stdio transport"));
            }
        }
        if (server.headers() != null) {
            server.headers().forEach((header, value) -> {
                if (value.startsWith(McpServer.SECRET_REFERENCE_PREFIX)
                        && !SECRET_NAME.matcher(value.substring(McpServer.SECRET_REFERENCE_PREFIX.length())).matches()) {
                    errors.add(new FieldError(headerField(header), "refers to a secret by a name that " + FieldRules.NAME_REASON));
                }
            });
        }
        return errors;
    }

    private static Map<String, String> secretReferences(McpServer server) {
        Map<String, String> references = new LinkedHashMap<>();
        if (server.headers() != null) {
            server.headers().forEach((header, value) -> {
                if (value.startsWith(McpServer.SECRET_REFERENCE_PREFIX)) {
                    references.put(headerField(header), value.substring(McpServer.SECRET_REFERENCE_PREFIX.length()));
                }
            });
        }
        return references;
    }

    private static String headerField(String header) {
        return "headers[" + header + "]";
    }
}
