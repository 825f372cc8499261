package dev.gantry.gateway.client;

import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.contracts.http.IdempotencyKey;
import dev.gantry.gateway.api.CommandAccepted;
import dev.gantry.gateway.api.ConfirmationRequest;
import dev.gantry.gateway.api.Conversation;
import dev.gantry.gateway.api.ConversationAction;
import dev.gantry.gateway.api.EventCallback;
import dev.gantry.gateway.api.EventCallbackRequest;
import dev.gantry.gateway.api.McpServer;
import dev.gantry.gateway.api.Page;
import dev.gantry.gateway.api.SecretSummary;
import dev.gantry.gateway.api.SecretWrite;
import dev.gantry.gateway.api.SendMessageRequest;
import dev.gantry.gateway.api.Skill;
import dev.gantry.gateway.api.SkillWrite;
import dev.gantry.gateway.api.SettingsUpdate;
import dev.gantry.gateway.api.StartConversationRequest;
import dev.gantry.gateway.api.UpdateConversationRequest;
import dev.gantry.gateway.auth.Caller;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * conversation-service, called as the given {@link Caller}. Owns the fault tolerance of these calls;
 * ownership is checked by conversation-service, which answers 404 for another user's conversation.
 */
@ApplicationScoped
@Downstream("conversation-service")
@ApplyGuard(Guards.CONVERSATION_SERVICE)
public class ConversationService {

    private final ConversationServiceApi api;

    ConversationService(@RestClient ConversationServiceApi api) {
        this.api = api;
    }

    /** Not tried again: a create that timed out may have been made, and a second would make another. */
    public Uni<RestResponse<Conversation>> start(Caller caller, StartConversationRequest request) {
        return api.start(caller.user(), null, request);
    }

    /**
     * A create with the client's {@code Idempotency-Key}: conversation-service makes it once and answers a repeat
     * with what it made, so it is tried again as the idempotent calls are.
     */
    @ApplyGuard(Guards.CONVERSATION_SERVICE_IDEMPOTENT)
    public Uni<RestResponse<Conversation>> start(Caller caller, IdempotencyKey key, StartConversationRequest request) {
        return api.start(caller.user(), key.value(), request);
    }

    @ApplyGuard(Guards.CONVERSATION_SERVICE_IDEMPOTENT)
    public Uni<Page<Conversation>> list(Caller caller, boolean allUsers, String pageId, Integer limit,
            ConversationFilter filter) {
        return api.list(caller.user(), allUsers ? Boolean.TRUE : null, pageId, limit, filter.status(),
                filter.titleContains(), filter.createdAfter(), filter.createdBefore(), filter.updatedAfter(),
                filter.updatedBefore(), filter.sort());
    }

    /** The conversation if the caller owns it; a 404 problem otherwise. Every conversation route starts here. */
    @ApplyGuard(Guards.CONVERSATION_SERVICE_IDEMPOTENT)
    public Uni<Conversation> get(Caller caller, UUID id) {
        return api.get(caller.user(), id);
    }

    public Uni<Conversation> update(Caller caller, UUID id, UpdateConversationRequest request) {
        return api.update(caller.user(), id, request);
    }

    public Uni<Void> delete(Caller caller, UUID id) {
        return api.delete(caller.user(), id);
    }

    public Uni<CommandAccepted> sendMessage(Caller caller, UUID id, SendMessageRequest request) {
        return api.sendMessage(caller.user(), id, request);
    }

    public Uni<CommandAccepted> act(Caller caller, UUID id, ConversationAction action) {
        return api.act(caller.user(), id, action);
    }

    public Uni<CommandAccepted> confirm(Caller caller, UUID id, ConfirmationRequest request) {
        return api.confirm(caller.user(), id, request);
    }

    @ApplyGuard(Guards.CONVERSATION_SERVICE_IDEMPOTENT)
    public Uni<AgentSettings> settings(Caller caller) {
        return api.settings(caller.user());
    }

    public Uni<AgentSettings> updateSettings(Caller caller, SettingsUpdate update) {
        return api.updateSettings(caller.user(), update);
    }

    @ApplyGuard(Guards.CONVERSATION_SERVICE_IDEMPOTENT)
    public Uni<Page<SecretSummary>> secrets(Caller caller, String pageId, Integer limit) {
        return api.secrets(caller.user(), pageId, limit);
    }

    public Uni<SecretSummary> createSecret(Caller caller, SecretWrite secret) {
        return api.createSecret(caller.user(), secret);
    }

    @ApplyGuard(Guards.CONVERSATION_SERVICE_IDEMPOTENT)
    public Uni<SecretSummary> putSecret(Caller caller, SecretWrite secret) {
        return api.putSecret(caller.user(), secret.name(), secret);
    }

    public Uni<Void> deleteSecret(Caller caller, String name) {
        return api.deleteSecret(caller.user(), name);
    }

    @ApplyGuard(Guards.CONVERSATION_SERVICE_IDEMPOTENT)
    public Uni<Page<McpServer>> mcpServers(Caller caller, String pageId, Integer limit) {
        return api.mcpServers(caller.user(), pageId, limit);
    }

    public Uni<McpServer> createMcpServer(Caller caller, McpServer server) {
        return api.createMcpServer(caller.user(), server);
    }

    public Uni<Void> deleteMcpServer(Caller caller, String name) {
        return api.deleteMcpServer(caller.user(), name);
    }

    @ApplyGuard(Guards.CONVERSATION_SERVICE_IDEMPOTENT)
    public Uni<Page<Skill>> skills(Caller caller, String pageId, Integer limit) {
        return api.skills(caller.user(), pageId, limit);
    }

    @ApplyGuard(Guards.CONVERSATION_SERVICE_IDEMPOTENT)
    public Uni<Skill> skill(Caller caller, String name) {
        return api.skill(caller.user(), name);
    }

    public Uni<Skill> createSkill(Caller caller, SkillWrite skill) {
        return api.createSkill(caller.user(), skill);
    }

    /** Replaying a replacement writes the same skill again: safe to try again, as the secrets' PUT is. */
    @ApplyGuard(Guards.CONVERSATION_SERVICE_IDEMPOTENT)
    public Uni<RestResponse<Skill>> putSkill(Caller caller, SkillWrite skill) {
        return api.putSkill(caller.user(), skill.name(), skill);
    }

    public Uni<Void> deleteSkill(Caller caller, String name) {
        return api.deleteSkill(caller.user(), name);
    }

    @ApplyGuard(Guards.CONVERSATION_SERVICE_IDEMPOTENT)
    public Uni<Page<EventCallback>> eventCallbacks(Caller caller, String pageId, Integer limit) {
        return api.eventCallbacks(caller.user(), pageId, limit);
    }

    public Uni<EventCallback> createEventCallback(Caller caller, EventCallbackRequest callback) {
        return api.createEventCallback(caller.user(), callback);
    }

    public Uni<Void> deleteEventCallback(Caller caller, String id) {
        return api.deleteEventCallback(caller.user(), id);
    }
}
