package dev.gantry.integrations.resolver;

import dev.gantry.integrations.webhooks.WebhookSignatures;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.auth.TestCallers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The webhook intake's latency at a steady 50 deliveries a second, open loop (each request sent on its schedule,
 * whatever the previous answer): signed GitHub deliveries verified and written to a real Kafka broker (acks=all)
 * before their 202, next to a baseline of the same requests without a signature (refused before any work, 401) in
 * the same run. conversation-service is a WireMock stand-in; the repository's configuration and secret are cached
 * as in production (10 s). Figures, not checks: {@code mvn -pl integrations-service verify -Pbenchmark}.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(WebhookIntakeBenchmarkTest.ProductionCache.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(ResolverTestResource.class)
class WebhookIntakeBenchmarkTest {

    private static final int RATE = 50;
    private static final int WARM_UP = 250;
    private static final int MEASURED = 1_500;

    /** The cache of production, not the tests' 0 s. */
    public static class ProductionCache implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gantry.integrations.resolver.cache-ttl", "10s");
        }
    }

    @TestHTTPResource("/webhooks/github")
    URI webhooks;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void printsTheIntakesLatencyAtFiftyDeliveriesASecond() throws Exception {
        ResolverStubs.configure(ResolverTestResource.store(), ResolverTestResource.provider(), UUID.randomUUID(), "github",
                "github.com", "acme/api");
        byte[] body = ResolverWebhooksTest.labeledIssue("bug").getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignatures.sign(ResolverStubs.HOOK_SECRET, body);
        Function<String, HttpRequest> signed = delivery -> request(body, delivery).header("X-Hub-Signature-256", signature).build();
        Function<String, HttpRequest> unsigned = delivery -> request(body, delivery).build();

        run(signed, WARM_UP, 202);
        run(unsigned, WARM_UP, 401);
        List<Long> baseline = run(unsigned, MEASURED, 401);
        List<Long> intake = run(signed, MEASURED, 202);

        System.out.printf("%nwebhook intake at %d deliveries/s, %d each (ms)%n", RATE, MEASURED);
        System.out.printf("%-44s %8s %8s %8s %8s%n", "", "p50", "p90", "p99", "max");
        print("baseline: unsigned, refused (401)", baseline);
        print("verified, on gantry.resolver-deliveries (202)", intake);
        System.out.printf("target: p99 <= 100 ms%n%n");
    }

    private HttpRequest.Builder request(byte[] body, String delivery) {
        return HttpRequest.newBuilder(webhooks).header(InternalHeaders.SERVICE_TOKEN, TestCallers.GATEWAY_TOKEN)
                .header("Content-Type", "application/json").header("X-GitHub-Event", "issues")
                .header("X-GitHub-Delivery", delivery).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** Sends {@code count} requests at {@link #RATE} a second, each on its own schedule; answers their latencies in µs. */
    private List<Long> run(Function<String, HttpRequest> requests, int count, int expected) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> sent = new ArrayList<>();
        long period = TimeUnit.SECONDS.toNanos(1) / RATE;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long begun = System.nanoTime();
            sent.add(http.sendAsync(requests.apply(UUID.randomUUID().toString()), HttpResponse.BodyHandlers.discarding())
                    .thenAccept(response -> {
                        if (response.statusCode() != expected) {
                            throw new IllegalStateException("answered " + response.statusCode() + ", not " + expected);
                        }
                        latencies.add((System.nanoTime() - begun) / 1_000);
                    }));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return latencies;
    }

    private static void print(String name, List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf("%-44s %8.1f %8.1f %8.1f %8.1f%n", name, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99),
                sorted.getLast() / 1000.0);
    }

    private static double at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1000.0;
    }
}
