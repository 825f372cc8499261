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
import dev.gantry.integrations.client.EventStoreApi;
import dev.gantry.integrations.git.provider.ItemRef;
import dev.gantry.integrations.resolver.ResolverStoreApi.Job;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The closing comment of each resolver conversation, driven by the event log ({@code gantry.conversation-events},
 * its own consumer group): when a conversation the resolver started reaches a terminal status, the issue or pull
 * request gets the pull request the agent opened, else its final message ({@code finish}), else why it stopped. The
 * job records the comment, so it is posted once even when the conversation is resumed and ends again. The final
 * message is remembered as it goes by; when it went by before this process started (a restart between the two
 * events), it is read from the end of the conversation's log in the event-store.
 */
@ApplicationScoped
public class ConversationOutcomes {

    /** The incoming channel; its topic is gantry.conversation-events (application.properties). */
    public static final String CHANNEL = "resolver-conversation-events";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final int REMEMBERED = 10_000;
    /** How far back from its end the log is read for a final message not seen go by. */
    static final int LOG_TAIL = 50;

    private final ObjectMapper json;
    private final ResolverStoreApi store;
    private final ConversationServiceApi conversations;
    private final EventStoreApi events;
    private final ProviderComments comments;
    private final ResolverConfig config;
    /** The last finish message or error of recent conversations, for the closing comment. */
    private final Map<UUID, String> lastWords = Collections.synchronizedMap(bounded());
    /** Conversations known not to be the resolver's, so their ends cost no lookup. */
    private final Set<UUID> notOurs = Collections.newSetFromMap(Collections.synchronizedMap(bounded()));

    ConversationOutcomes(ObjectMapper json, @RestClient ResolverStoreApi store,
            @RestClient ConversationServiceApi conversations, @RestClient EventStoreApi events, ProviderComments comments,
            ResolverConfig config) {
        this.config = config;
        this.json = json;
        this.store = store;
        this.conversations = conversations;
        this.events = events;
        this.comments = comments;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onEvent(String record) {
        ConversationEvent.fromRecord(json, record).ifPresent(this::onEvent);
    }

    void onEvent(ConversationEvent event) {
        Optional<String> said = lastWordsOf(event);
        if (said.isPresent()) {
            lastWords.put(event.conversationId(), said.get());
            return;
        }
        switch (event.payload()) {
            case ConversationStateUpdateEvent update when update.status() != null && update.status().isTerminal() -> {
                closeTryingAgain(event.conversationId(), update.status(), update.reason());
            }
            default -> {
                // not an end
            }
        }
    }

    /**
     * Posts the closing comment, trying again (doubling the wait) while the provider or a service fails; after
     * {@code max-attempts} tries the job keeps saying the comment was not posted, and the error is logged.
     */
    private void closeTryingAgain(UUID conversationId, ExecutionStatus status, String reason) {
        long wait = config.backoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                close(conversationId, status, reason);
                return;
            } catch (RuntimeException e) {
                if (attempt >= config.maxAttempts()) {
                    Log.errorf("the closing comment of conversation %s was not posted after %d tries: %s",
                            conversationId, attempt, e.toString());
                    return;
                }
                Log.warnf("the closing comment of conversation %s failed (%s); trying again in %d ms", conversationId,
                        e.toString(), wait);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                wait *= 2;
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
        String said = lastWords.get(conversationId);
        if (said == null) {
            said = lastWordsInLog(conversationId).orElse(null);
        }
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
        lastWords.remove(conversationId);
        Log.infof("conversation %s (%s) ended %s: closing comment posted on %s/%s #%d", conversationId, job.deliveryId(),
                status, job.host(), job.repository(), job.itemNumber());
    }

    /** The agent's final message ({@code finish}) or its error, if the event is one. */
    static Optional<String> lastWordsOf(ConversationEvent event) {
        return switch (event.payload()) {
            case ActionEvent action when "finish".equals(action.toolName()) ->
                    Optional.of(action.arguments().path("message").asText(""));
            case AgentErrorEvent error -> Optional.ofNullable(error.error());
            default -> Optional.empty();
        };
    }

    /** The last final message or error among the last {@link #LOG_TAIL} events of the conversation's log. */
    private Optional<String> lastWordsInLog(UUID conversationId) {
        try {
            long lastSeq = events.head(conversationId).await().atMost(TIMEOUT).lastSeq();
            List<ConversationEvent> tail = events.events(conversationId, Math.max(0, lastSeq - LOG_TAIL), LOG_TAIL)
                    .await().atMost(TIMEOUT).items();
            Optional<String> found = Optional.empty();
            for (ConversationEvent event : tail) {
                Optional<String> said = lastWordsOf(event);
                if (said.isPresent()) {
                    found = said;
                }
            }
            return found;
        } catch (RuntimeException unavailable) {
            // the comment still says how the conversation ended, without the agent's words
            Log.warnf("the end of conversation %s's log could not be read: %s", conversationId, unavailable.toString());
            return Optional.empty();
        }
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
