package dev.gantry.worker.client;

import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.platform.auth.ServiceCredentialFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** conversation-service's internal routes (docs/INTERNAL-API.md), called with the worker's own token. */
@RegisterRestClient(configKey = "conversation-service")
@RegisterProvider(ServiceCredentialFilter.class)
@Path("/internal/conversations/{id}")
public interface ConversationServiceApi {

    @GET
    Conversation conversation(@PathParam("id") UUID conversationId);

    @GET
    @Path("/secrets/{name}")
    Secret secret(@PathParam("id") UUID conversationId, @PathParam("name") String name);

    @GET
    @Path("/git/credentials")
    GitCredentials gitCredentials(@PathParam("id") UUID conversationId);
    /** The MCP servers of the conversation's owner, header values as stored ({@code secret:<name>} unresolved). */
    @GET
    @Path("/mcp-servers")
    java.util.List<dev.gantry.worker.mcp.McpServerConfig> mcpServers(@PathParam("id") UUID conversationId);

    /** The skills of the conversation's owner, by name. */
    @GET
    @Path("/skills")
    java.util.List<Skill> skills(@PathParam("id") UUID conversationId);

    /** A skill of the user; no triggers: always on. */
    record Skill(String name, java.util.List<String> triggers, String content) {
    }

    /** The fields of a conversation the worker needs to take it over. */
    record Conversation(UUID id, String ownerId, UUID sandboxId, AgentSettings settings, String repository, String branch) {
    }

    /** What the conversation's repository is cloned and pushed with; {@link #toString()} hides the token. */
    record GitCredentials(String provider, String host, String repository, String branch, String cloneUrl,
            String username, String token, Identity identity) {

        /** Who commits. */
        public record Identity(String login, String name, String email) {
        }

        @Override
        public String toString() {
            return "GitCredentials[" + host + "/" + repository + "]";
        }
    }

    /** A secret's value; it is never logged. */
    record Secret(String name, String value) {
        @Override
        public String toString() {
            return "Secret[name=" + name + "]";
        }
    }
}
