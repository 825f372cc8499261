package dev.gantry.integrations.resolver;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * Two WireMock servers: one answering as conversation-service's internal routes (the resolver's records, the
 * users' git connections and secrets) and as the event-store's read routes, one as the git provider's REST API. The resolver's consumers read the topics
 * in groups of the test's own.
 */
public class ResolverTestResource implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer store;
    private static WireMockServer provider;

    static WireMockServer store() {
        return store;
    }

    static WireMockServer provider() {
        return provider;
    }

    @Override
    public Map<String, String> start() {
        store = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        store.start();
        provider = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        provider.start();
        return Map.of("quarkus.rest-client.conversation-service.url", store.baseUrl(),
                "quarkus.rest-client.event-store.url", store.baseUrl(),
                "gantry.integrations.git.backoff", "10ms",
                "gantry.integrations.git.max-backoff", "50ms",
                "gantry.integrations.resolver.conversation-url", "https://gantry.example.com/conversations/{conversationId}",
                "mp.messaging.incoming.\"gantry.resolver-deliveries\".group.id", "resolver-test-" + UUID.randomUUID(),
                "mp.messaging.incoming.resolver-conversation-events.group.id", "resolver-outcomes-test-" + UUID.randomUUID(),
                "mp.messaging.incoming.resolver-conversation-events.auto.offset.reset", "earliest");
    }

    @Override
    public void stop() {
        store.stop();
        provider.stop();
    }
}
