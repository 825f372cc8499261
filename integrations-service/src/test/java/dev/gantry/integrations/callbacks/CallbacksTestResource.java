package dev.gantry.integrations.callbacks;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * WireMock servers answering as conversation-service's internal routes and as the users' receivers, and a
 * consumer group of the test's own reading the event topic from its start.
 */
public class CallbacksTestResource implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer conversationService;
    private static WireMockServer receivers;

    static WireMockServer conversationService() {
        return conversationService;
    }

    static WireMockServer receivers() {
        return receivers;
    }

    @Override
    public Map<String, String> start() {
        conversationService = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        conversationService.start();
        receivers = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        receivers.start();
        return Map.of(
                "quarkus.rest-client.conversation-service.url", conversationService.baseUrl(),
                "mp.messaging.incoming.\"gantry.conversation-events\".group.id", "integrations-test-" + UUID.randomUUID(),
                "mp.messaging.incoming.\"gantry.conversation-events\".auto.offset.reset", "earliest");
    }

    @Override
    public void stop() {
        conversationService.stop();
        receivers.stop();
    }
}
