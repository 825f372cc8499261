package dev.gantry.integrations.callbacks;

import dev.gantry.integrations.client.ConversationServiceApi;
import dev.gantry.integrations.client.ConversationServiceApi.EventCallback;
import dev.gantry.integrations.config.IntegrationsConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The callbacks of each conversation's owner, and their signing keys, read from conversation-service and
 * kept for {@code gantry.integrations.callbacks.refresh}, for the most recently active conversations.
 * While conversation-service cannot be reached it is asked again, with a growing wait, for up to
 * {@link #GIVE_UP_AFTER}: the events wait rather than go undelivered.
 */
@ApplicationScoped
class CallbackDirectory {

    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;
    private static final int NOT_FOUND = 404;

    private record Entry<T>(T value, long expiresAt) {
    }

    private final ConversationServiceApi api;
    private final Duration refresh;
    private final Map<UUID, Entry<List<EventCallback>>> callbacks = lru();
    private final Map<String, Entry<String>> keys = lru();

    CallbackDirectory(@RestClient ConversationServiceApi api, IntegrationsConfig config) {
        this.api = api;
        this.refresh = config.callbacks().refresh();
    }

    /** The callbacks of the conversation's owner; none for a conversation that no longer exists. */
    Uni<List<EventCallback>> callbacksOf(UUID conversationId) {
        return cached(callbacks, conversationId, () -> persistently(api.eventCallbacks(conversationId))
                .onFailure(CallbackDirectory::notFound).recoverWithItem(List.of())
                .map(List::copyOf));
    }

    /**
     * The value of the owner's secret a callback signs with; a secret deleted since fails the delivery without
     * trying it again, as a receiver's refusal does.
     */
    Uni<String> signingKey(UUID conversationId, String secretName) {
        return cached(keys, conversationId + "/" + secretName,
                () -> persistently(api.secret(conversationId, secretName))
                .onFailure(CallbackDirectory::notFound).transform(gone -> new DeliveryFailedException(
                        "its signing secret '" + secretName + "' no longer exists", false, gone))
                .map(ConversationServiceApi.Secret::value));
    }

    /** What {@code cache} holds for {@code key} while it is fresh, else what {@code read} answers, kept. */
    private <K, V> Uni<V> cached(Map<K, Entry<V>> cache, K key, Supplier<Uni<V>> read) {
        Entry<V> known = cache.get(key);
        if (known != null && known.expiresAt() - System.nanoTime() > 0) {
            return Uni.createFrom().item(known.value());
        }
        return read.get().invoke(value -> cache.put(key, new Entry<>(value, expiry())));
    }

    private static <T> Uni<T> persistently(Uni<T> call) {
        return call.onFailure(failure -> !notFound(failure)).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .expireIn(GIVE_UP_AFTER.toMillis());
    }

    private long expiry() {
        return System.nanoTime() + refresh.toNanos();
    }

    private static boolean notFound(Throwable failure) {
        return failure instanceof WebApplicationException answered && answered.getResponse().getStatus() == NOT_FOUND;
    }

    private static <K, V> Map<K, V> lru() {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > MAX_ENTRIES;
            }
        });
    }
}
