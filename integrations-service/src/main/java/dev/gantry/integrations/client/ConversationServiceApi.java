package dev.gantry.integrations.client;

import dev.gantry.platform.auth.ServiceCredentialFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * conversation-service's internal routes the integrations-service reads (docs/INTERNAL-API.md), called with its
 * own token ({@code gantry.auth.service-token}).
 */
@RegisterRestClient(configKey = "conversation-service")
@RegisterProvider(ServiceCredentialFilter.class)
@Path("/internal/conversations/{id}")
public interface ConversationServiceApi {

    /** The conversation whoever owns it (its status and the pull requests its agent opened). */
    @GET
    Uni<com.fasterxml.jackson.databind.JsonNode> conversation(@PathParam("id") UUID conversationId);

    @GET
    @Path("/event-callbacks")
    Uni<List<EventCallback>> eventCallbacks(@PathParam("id") UUID conversationId);

    @GET
    @Path("/secrets/{name}")
    Uni<Secret> secret(@PathParam("id") UUID conversationId, @PathParam("name") String name);

    /** Where a user wants the events of the given kinds posted, signed with the named secret if any. */
    record EventCallback(UUID id, String url, List<String> eventKinds, String signingSecretName) {
    }

    /** A secret's value; it is never logged. */
    record Secret(String name, String value) {
        @Override
        public String toString() {
            return "Secret[name=" + name + "]";
        }
    }
}
