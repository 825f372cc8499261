package dev.gantry.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.gantry.gateway.auth.LocalSigningKeys;
import dev.gantry.testing.RedisTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's surroundings in tests: the machine's Redis, WireMock servers answering as
 * conversation-service, event-store and sandbox-manager (shaped like INTERNAL-API.md) that, like those
 * services, answer 401 to a call without a valid credential ({@link InternalCredentials}), an
 * integrations-service that is not there (a WireMock one too with the init arg
 * {@value #INTEGRATIONS_SERVICE_ARG}={@code stub}), the embedded key pair in a test data directory, and
 * fault-tolerance timings short enough for tests.
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {

    public static final Path DATA_DIR = Path.of("target", "test-gantry-home");
    public static final int BURST = 20;
    public static final int REQUESTS_PER_MINUTE = 60;
    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final int TIMEOUT_MILLIS = 3_000;

    private static WireMockServer conversationService;
    private static WireMockServer eventStore;
    private static WireMockServer sandboxManager;
    private static WireMockServer integrationsService;

    public static final String INTEGRATIONS_SERVICE_ARG = "integrations-service";
    private boolean stubIntegrations;

    private final RedisTestResource redis = new RedisTestResource();

    public static WireMockServer conversationService() {
        return conversationService;
    }

    public static WireMockServer eventStore() {
        return eventStore;
    }

    public static WireMockServer sandboxManager() {
        return sandboxManager;
    }

    /** Only under the init arg {@value #INTEGRATIONS_SERVICE_ARG}={@code stub}. */
    public static WireMockServer integrationsService() {
        return integrationsService;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        stubIntegrations = "stub".equals(initArgs.get(INTEGRATIONS_SERVICE_ARG));
    }

    public static LocalSigningKeys keys() {
        return new LocalSigningKeys(DATA_DIR);
    }

    @Override
    public Map<String, String> start() {
        keys().createIfMissing();
        conversationService = started();
        eventStore = started();
        sandboxManager = started();
        integrationsService = stubIntegrations ? started() : null;
        refuseCallsWithoutCredential();
        Map<String, String> config = new HashMap<>(redis.start());
        config.put("gantry.gateway.data-dir", DATA_DIR.toAbsolutePath().toString());
        config.put("gantry.gateway.rate-limit.burst", Integer.toString(BURST));
        config.put("gantry.gateway.rate-limit.requests-per-minute", Integer.toString(REQUESTS_PER_MINUTE));
        config.put("gantry.gateway.max-body-size", Integer.toString(MAX_BODY_BYTES));
        config.put("gantry.gateway.stream.heartbeat-interval", "1s");
        config.put("quarkus.rest-client.conversation-service.url", conversationService.baseUrl());
        config.put("quarkus.rest-client.event-store.url", eventStore.baseUrl());
        config.put("quarkus.rest-client.sandbox-manager.url", sandboxManager.baseUrl());
        config.put("quarkus.rest-client.integrations-service.url",
                stubIntegrations ? integrationsService.baseUrl() : "http://127.0.0.1:" + unusedPort());
        config.put("Timeout/value", Integer.toString(TIMEOUT_MILLIS));
        config.put("Retry/delay", "10");
        config.put("Retry/jitter", "0");
        config.put("CircuitBreaker/delay", "1000");
        return config;
    }

    @Override
    public void stop() {
        conversationService.stop();
        eventStore.stop();
        sandboxManager.stop();
        if (integrationsService != null) {
            integrationsService.stop();
            integrationsService = null;
        }
        redis.stop();
    }

    /** Resets every stub and the request journals, so each test sees only its own calls. */
    public static void resetDownstream() {
        conversationService.resetAll();
        eventStore.resetAll();
        sandboxManager.resetAll();
        if (integrationsService != null) {
            integrationsService.resetAll();
        }
        refuseCallsWithoutCredential();
    }

    /** Above every stub of a test, as a service's caller filter runs before its routes. */
    private static void refuseCallsWithoutCredential() {
        List<WireMockServer> services = integrationsService == null
                ? List.of(conversationService, eventStore, sandboxManager)
                : List.of(conversationService, eventStore, sandboxManager, integrationsService);
        for (WireMockServer service : services) {
            service.stubFor(any(anyUrl()).atPriority(Stubs.CREDENTIAL_CHECK_PRIORITY)
                    .andMatching(InternalCredentials.refused())
                    .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json")
                            .withBody("""
                                    {"type":"https://gantry.dev/problems/unauthorized","title":"Unauthorized",\
                                    "status":401,"detail":"a credential is required"}""")));
        }
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
