package dev.gantry.integrations.webhooks;

import dev.gantry.integrations.client.ConversationServiceApi;
import dev.gantry.integrations.client.GitStoreApi;
import dev.gantry.integrations.resolver.ResolverConfig;
import dev.gantry.integrations.resolver.ResolverStoreApi;
import dev.gantry.integrations.resolver.ResolverStoreApi.Configuration;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A repository's resolver configuration and the value of its webhook secret, read from conversation-service and
 * reused for {@code gantry.integrations.resolver.cache-ttl} so that a burst of deliveries costs one read. The value
 * lives in memory only; it is never logged.
 */
@ApplicationScoped
public class WebhookSecrets {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ENTRIES = 10_000;

    /** A configuration and its secret's value (null when the user's secret is gone). */
    public record Keyed(Configuration configuration, String secret) {
        @Override
        public String toString() {
            return "Keyed[" + configuration.id() + "]";
        }
    }

    private record Entry(long expiresAt, Optional<Keyed> keyed) {
    }

    private final ResolverStoreApi store;
    private final GitStoreApi secrets;
    private final long ttlNanos;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    WebhookSecrets(@RestClient ResolverStoreApi store, @RestClient GitStoreApi secrets, ResolverConfig config) {
        this.store = store;
        this.secrets = secrets;
        this.ttlNanos = config.cacheTtl().toNanos();
    }

    /** The repository's configuration with its secret; empty when the repository has none. */
    public Optional<Keyed> of(String provider, WebhookRepository repository) {
        String key = provider + ":" + repository.host() + "/" + repository.repository().toLowerCase(java.util.Locale.ROOT);
        Entry entry = cache.get(key);
        long now = System.nanoTime();
        if (entry != null && entry.expiresAt() - now > 0) {
            return entry.keyed();
        }
        Optional<Keyed> keyed = read(provider, repository);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(key, new Entry(now + ttlNanos, keyed));
        return keyed;
    }

    private Optional<Keyed> read(String provider, WebhookRepository repository) {
        Configuration configuration;
        try {
            configuration = store.forRepository(provider, repository.host(), repository.repository()).await().atMost(TIMEOUT);
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        try {
            ConversationServiceApi.Secret secret = secrets.secret(configuration.userId(), configuration.webhookSecretName())
                    .await().atMost(TIMEOUT);
            return Optional.of(new Keyed(configuration, secret.value()));
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                Log.warnf("resolver configuration %s names webhook secret '%s', which %s no longer has: its webhooks"
                        + " cannot be verified", configuration.id(), configuration.webhookSecretName(), configuration.userId());
                return Optional.of(new Keyed(configuration, null));
            }
            throw e;
        }
    }
}
