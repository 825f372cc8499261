package dev.gantry.integrations.git;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Two WireMock servers: one answering as conversation-service's internal git routes, one as a git provider's REST
 * API (GitHub, GitLab or Bitbucket, each test stubbing the shapes of that provider's published reference).
 */
public class GitTestResource implements QuarkusTestResourceLifecycleManager {

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
                "gantry.integrations.git.backoff", "10ms",
                "gantry.integrations.git.max-backoff", "50ms",
                "gantry.integrations.git.timeout", "3s");
    }

    @Override
    public void stop() {
        store.stop();
        provider.stop();
    }
}
