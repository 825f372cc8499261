package dev.gantry.integrations.resolver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.git.GitProvider;
import dev.gantry.integrations.client.ConversationServiceApi;
import dev.gantry.integrations.git.provider.ItemRef;
import dev.gantry.integrations.resolver.ResolverStoreApi.Job;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The closing comment of each resolver conversation, driven by the event log ({@code gantry.conversation-events},
 * its own consumer group): when a conversation the resolver started reaches a terminal status, the issue or pull
 * request gets the pull request the agent opened, else its final message ({@code finish}), else why it stopped. The
 * job records the comment, so it is posted once even when the conversation is resumed and ends again.
 */
@ApplicationScoped
public class ConversationOutcomes {

    /** The incoming channel; its topic is gantry.conversation-events (application.properties). */
    public static final String CHANNEL = "resolver-conversation-events";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final int REMEMBERED = 10_000;

    private final ObjectMapper json;
    private final ResolverStoreApi store;
    private final ConversationServiceApi conversations;
    private final ProviderComments comments;
    /** The last finish message or error of recent conversations, for the closing comment. */
    private final Map<UUID, String> lastWords = Collections.synchronizedMap(bounded());
    /** Conversations known not to be the resolver's, so their ends cost no lookup. */
    private final Set<UUID> notOurs = Collections.newSetFromMap(Collections.synchronizedMap(bounded()));

    ConversationOutcomes(ObjectMapper json, @RestClient ResolverStoreApi store,
            @RestClient ConversationServiceApi conversations, ProviderComments comments) {
        this.json = json;
        this.store = store;
        this.conversations = conversations;
        this.comments = comments;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onEvent(String record) {
        ConversationEvent.fromRecord(json, record).ifPresent(this::onEvent);
    }

    void onEvent(ConversationEvent event) {
        switch (event.payload()) {
            case ActionEvent action when "finish".equals(action.toolName()) ->
                    lastWords.put(event.conversationId(), action.arguments().path("message").asText(""));
            case AgentErrorEvent error -> lastWords.put(event.conversationId(), error.error());
            case ConversationStateUpdateEvent update when update.status() != null && update.status().isTerminal() -> {
                try {
                    close(event.conversationId(), update.status(), update.reason());
                } catch (RuntimeException e) {
                    Log.warnf("the closing comment of conversation %s was not posted: %s", event.conversationId(),
                            e.toString());
                }
            }
            default -> {
                // not an end
            }
        }
    }

    private void close(UUID conversationId, ExecutionStatus status, String reason) {
        if (notOurs.contains(conversationId)) {
            return;
        }
        Job job;
        try {
            job = StoreAnswers.await(store.job(conversationId));
        } catch (ResolverRequestException e) {
            if (StoreAnswers.notFound(e)) {
                notOurs.add(conversationId);
                return;
            }
            throw e;
        }
        if (job.closingCommentPosted()) {
            return;
        }
        GitProvider provider = GitProvider.fromWire(job.provider()).orElseThrow();
        JsonNode conversation = conversations.conversation(conversationId).await().atMost(TIMEOUT);
        String said = lastWords.remove(conversationId);
        String body;
        JsonNode pullRequests = conversation.path("pullRequests");
        if (pullRequests.isArray() && !pullRequests.isEmpty()) {
            body = ProviderComments.openedPullRequest(provider, pullRequests.get(pullRequests.size() - 1).path("url").asText());
        } else if (status == ExecutionStatus.FINISHED) {
            body = ProviderComments.finished(said);
        } else {
            body = ProviderComments.failed(status.name().toLowerCase(java.util.Locale.ROOT), reason != null ? reason : said);
        }
        comments.post(job.userId(), job.host(), job.repository(), new ItemRef(job.itemNumber(), job.pullRequest()), body);
        StoreAnswers.await(store.update(conversationId, new ResolverStoreApi.JobUpdate(null, true)));
        Log.infof("conversation %s (%s) ended %s: closing comment posted on %s/%s #%d", conversationId, job.deliveryId(),
                status, job.host(), job.repository(), job.itemNumber());
    }

    private static <V> Map<UUID, V> bounded() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, V> eldest) {
                return size() > REMEMBERED;
            }
        };
    }
}
