package dev.gantry.worker.client;

import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * conversation-service's internal routes: a conversation's setup, and its owner's secrets by name, so
 * that no secret has to travel on Kafka.
 */
@ApplicationScoped
public class ConversationServiceClient {

    private final ConversationServiceApi api;

    ConversationServiceClient(@RestClient ConversationServiceApi api) {
        this.api = api;
    }

    @Retry(maxRetries = 5, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public String secretValue(UUID conversationId, String name) {
        return api.secret(conversationId, name).value();
    }

    /**
     * What the conversation's repository is cloned with. A refusal (4xx: no repository, a connection removed) is an
     * answer, not tried again; a service that failed or is starting (5xx) is, as one that cannot be reached.
     */
    @Retry(maxRetries = 5, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS)
    @RetryWhen(exception = NotARefusal.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public ConversationServiceApi.GitCredentials gitCredentials(UUID conversationId) {
        return api.gitCredentials(conversationId);
    }

    /**
     * The conversation as conversation-service keeps it, whatever its owner; empty once it was deleted (a 404, an
     * answer that is not tried again).
     */
    @Retry(maxRetries = 5, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public Optional<ConversationServiceApi.Conversation> conversation(UUID conversationId) {
        try {
            return Optional.of(api.conversation(conversationId));
        } catch (WebApplicationException answered) {
            if (answered.getResponse().getStatus() == Response.Status.NOT_FOUND.getStatusCode()) {
                return Optional.empty();
            }
            throw answered;
        }
    }

    /** The skills of the conversation's owner, which its agent gets. */
    @Retry(maxRetries = 5, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public java.util.List<ConversationServiceApi.Skill> skills(UUID conversationId) {
        return api.skills(conversationId);
    }

    /** The MCP servers of the conversation's owner, whose tools its agent gets. */
    @Retry(maxRetries = 5, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public java.util.List<dev.gantry.worker.mcp.McpServerConfig> mcpServers(UUID conversationId) {
        return api.mcpServers(conversationId);
    }

    /** Whatever failed a call but a 4xx, which is conversation-service's answer. */
    public static final class NotARefusal implements Predicate<Throwable> {

        @Override
        public boolean test(Throwable failure) {
            return !(failure instanceof WebApplicationException answered && refusal(answered));
        }
    }

    /** A 4xx: the service's answer to this request, which asking again does not change. */
    public static boolean refusal(WebApplicationException answered) {
        return answered.getResponse().getStatusInfo().getFamily() == Response.Status.Family.CLIENT_ERROR;
    }
}
