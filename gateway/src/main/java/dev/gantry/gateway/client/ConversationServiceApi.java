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
import dev.gantry.platform.auth.Caller;
import io.quarkus.rest.client.reactive.NotBody;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

/** conversation-service's user-scoped routes, as INTERNAL-API.md writes them; each call names its user. */
@RegisterRestClient(configKey = "conversation-service")
@RegisterProvider(DownstreamResponseMapper.class)
@RegisterProvider(UserCredentialFilter.class)
public interface ConversationServiceApi {

    /** With an {@code Idempotency-Key} (null: none sent) the create is made once however often it is sent. */
    @POST
    @Path("/conversations")
    Uni<RestResponse<Conversation>> start(@NotBody Caller.User user,
            @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey, StartConversationRequest request);

    @GET
    @Path("/conversations")
    Uni<Page<Conversation>> list(@NotBody Caller.User user, @QueryParam("allUsers") Boolean allUsers,
            @QueryParam("pageId") String pageId, @QueryParam("limit") Integer limit,
            @QueryParam("status") String status, @QueryParam("titleContains") String titleContains,
            @QueryParam("createdAfter") String createdAfter, @QueryParam("createdBefore") String createdBefore,
            @QueryParam("updatedAfter") String updatedAfter, @QueryParam("updatedBefore") String updatedBefore,
            @QueryParam("sort") String sort);

    @GET
    @Path("/conversations/{id}")
    Uni<Conversation> get(@NotBody Caller.User user, @PathParam("id") UUID id);

    @PATCH
    @Path("/conversations/{id}")
    Uni<Conversation> update(@NotBody Caller.User user, @PathParam("id") UUID id,
            UpdateConversationRequest request);

    @DELETE
    @Path("/conversations/{id}")
    Uni<Void> delete(@NotBody Caller.User user, @PathParam("id") UUID id);

    @POST
    @Path("/conversations/{id}/messages")
    Uni<CommandAccepted> sendMessage(@NotBody Caller.User user, @PathParam("id") UUID id,
            SendMessageRequest request);

    @POST
    @Path("/conversations/{id}/{action}")
    Uni<CommandAccepted> act(@NotBody Caller.User user, @PathParam("id") UUID id,
            @PathParam("action") ConversationAction action);

    @POST
    @Path("/conversations/{id}/confirmation")
    Uni<CommandAccepted> confirm(@NotBody Caller.User user, @PathParam("id") UUID id,
            ConfirmationRequest request);

    @GET
    @Path("/settings")
    Uni<AgentSettings> settings(@NotBody Caller.User user);

    @POST
    @Path("/settings")
    Uni<AgentSettings> updateSettings(@NotBody Caller.User user, SettingsUpdate update);

    @GET
    @Path("/secrets")
    Uni<Page<SecretSummary>> secrets(@NotBody Caller.User user,
            @QueryParam("pageId") String pageId, @QueryParam("limit") Integer limit);

    @POST
    @Path("/secrets")
    Uni<SecretSummary> createSecret(@NotBody Caller.User user, SecretWrite secret);

    @PUT
    @Path("/secrets/{name}")
    Uni<SecretSummary> putSecret(@NotBody Caller.User user, @PathParam("name") String name,
            SecretWrite secret);

    @DELETE
    @Path("/secrets/{name}")
    Uni<Void> deleteSecret(@NotBody Caller.User user, @PathParam("name") String name);

    @GET
    @Path("/mcp-servers")
    Uni<Page<McpServer>> mcpServers(@NotBody Caller.User user,
            @QueryParam("pageId") String pageId, @QueryParam("limit") Integer limit);

    @POST
    @Path("/mcp-servers")
    Uni<McpServer> createMcpServer(@NotBody Caller.User user, McpServer server);

    @DELETE
    @Path("/mcp-servers/{name}")
    Uni<Void> deleteMcpServer(@NotBody Caller.User user, @PathParam("name") String name);

    @GET
    @Path("/skills")
    Uni<Page<Skill>> skills(@NotBody Caller.User user,
            @QueryParam("pageId") String pageId, @QueryParam("limit") Integer limit);

    @GET
    @Path("/skills/{name}")
    Uni<Skill> skill(@NotBody Caller.User user, @PathParam("name") String name);

    @POST
    @Path("/skills")
    Uni<Skill> createSkill(@NotBody Caller.User user, SkillWrite skill);

    @PUT
    @Path("/skills/{name}")
    Uni<RestResponse<Skill>> putSkill(@NotBody Caller.User user, @PathParam("name") String name, SkillWrite skill);

    @DELETE
    @Path("/skills/{name}")
    Uni<Void> deleteSkill(@NotBody Caller.User user, @PathParam("name") String name);

    @GET
    @Path("/event-callbacks")
    Uni<Page<EventCallback>> eventCallbacks(@NotBody Caller.User user,
            @QueryParam("pageId") String pageId, @QueryParam("limit") Integer limit);

    @POST
    @Path("/event-callbacks")
    Uni<EventCallback> createEventCallback(@NotBody Caller.User user,
            EventCallbackRequest callback);

    @DELETE
    @Path("/event-callbacks/{id}")
    Uni<Void> deleteEventCallback(@NotBody Caller.User user, @PathParam("id") String id);
}
