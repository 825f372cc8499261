package dev.gantry.conversation.rest;

import dev.gantry.conversation.rest.dto.ConversationResponse;
import dev.gantry.conversation.rest.dto.EventCallback;
import dev.gantry.conversation.rest.dto.GitCredentials;
import dev.gantry.conversation.rest.dto.PullRequest;
import dev.gantry.conversation.service.GitConnectionService;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;
import dev.gantry.conversation.rest.dto.McpServer;
import dev.gantry.conversation.rest.dto.Skill;
import dev.gantry.conversation.rest.dto.SecretValue;
import dev.gantry.conversation.service.ConversationService;
import dev.gantry.conversation.service.EventCallbackService;
import dev.gantry.conversation.service.McpServerService;
import dev.gantry.conversation.service.SkillService;
import dev.gantry.conversation.service.SecretService;
import dev.gantry.platform.auth.CalledBy;
import dev.gantry.platform.auth.ServiceNames;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/**
 * What the agent-worker and the integrations-service ask about a conversation, whoever owns it; each route
 * admits only the services that call it, by their own token, and never a user.
 */
@CompletesWithoutTheCaller
@Path("/internal/conversations")
@Produces(MediaType.APPLICATION_JSON)
public class InternalConversationResource {

    private final ConversationService conversations;
    private final SecretService secrets;
    private final EventCallbackService callbacks;
    private final GitConnectionService git;
    private final McpServerService mcpServers;
    private final SkillService skills;

    InternalConversationResource(ConversationService conversations, SecretService secrets,
            EventCallbackService callbacks, GitConnectionService git, McpServerService mcpServers,
            SkillService skills) {
        this.git = git;
        this.conversations = conversations;
        this.secrets = secrets;
        this.callbacks = callbacks;
        this.mcpServers = mcpServers;
        this.skills = skills;
    }

    /** The skills of the conversation's owner, by name, which its agent-worker loads when the conversation starts. */
    @GET
    @Path("/{id}/skills")
    @CalledBy(services = ServiceNames.AGENT_WORKER)
    public Uni<List<Skill>> skills(@PathParam("id") UUID id) {
        return skills.forConversation(id);
    }

    /**
     * The MCP servers of the conversation's owner, whose tools its agent gets; header values stay as stored
     * ({@code secret:<name>} is resolved by the worker through the secret route, when it connects).
     */
    @GET
    @Path("/{id}/mcp-servers")
    @CalledBy(services = ServiceNames.AGENT_WORKER)
    public Uni<List<McpServer>> mcpServers(@PathParam("id") UUID id) {
        return mcpServers.forConversation(id);
    }

    @GET
    @Path("/{id}")
    @CalledBy(services = {ServiceNames.AGENT_WORKER, ServiceNames.INTEGRATIONS_SERVICE})
    public Uni<ConversationResponse> get(@PathParam("id") UUID id) {
        return conversations.getAnyOwner(id);
    }

    /** Where the integrations-service posts the conversation's events: its owner's callbacks. */
    @GET
    @Path("/{id}/event-callbacks")
    @CalledBy(services = ServiceNames.INTEGRATIONS_SERVICE)
    public Uni<List<EventCallback>> eventCallbacks(@PathParam("id") UUID id) {
        return callbacks.forConversation(id);
    }

    /**
     * The value of a secret of the conversation's owner: the only route that answers one. The agent-worker
     * gives the sandbox the secrets the settings name; the integrations-service signs callbacks with one.
     */
    @GET
    @Path("/{id}/secrets/{name}")
    @CalledBy(services = {ServiceNames.AGENT_WORKER, ServiceNames.INTEGRATIONS_SERVICE})
    public Uni<SecretValue> secret(@PathParam("id") UUID id, @PathParam("name") String name) {
        return secrets.resolveForConversation(id, name);
    }

    /** What the conversation's repository is cloned and pushed with, and pull requests opened with. */
    @GET
    @Path("/{id}/git/credentials")
    @CalledBy(services = {ServiceNames.AGENT_WORKER, ServiceNames.INTEGRATIONS_SERVICE})
    public Uni<GitCredentials> gitCredentials(@PathParam("id") UUID id) {
        return git.credentials(id);
    }

    /** Keeps a pull request the conversation's agent opened, which the integrations-service opened for it. */
    @POST
    @Path("/{id}/pull-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @CalledBy(services = ServiceNames.INTEGRATIONS_SERVICE)
    @ResponseStatus(RestResponse.StatusCode.CREATED)
    public Uni<PullRequest> pullRequest(@PathParam("id") UUID id, @NotNull PullRequest request) {
        return git.recordPullRequest(id, request);
    }
}
