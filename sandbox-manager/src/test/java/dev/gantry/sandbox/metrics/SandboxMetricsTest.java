package dev.gantry.sandbox.metrics;

import static dev.gantry.sandbox.Api.asUser;
import static dev.gantry.sandbox.Api.internal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PrometheusText;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class SandboxMetricsTest {

    @Test
    void aStartedSandboxIsCountedAsRunningWithItsStartTimeAndNoLongerOnceDeleted() {
        double startsBefore = PrometheusText.sum(scrape(), "gantry_sandbox_start_seconds_count",
                Map.of("outcome", "started"));
        double runningBefore = running(scrape());

        UUID id = UUID.randomUUID();
        asUser("mia").body(Map.of("sandboxId", id.toString())).post("/sandboxes").then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> internal()
                .get("/sandboxes/{id}", id).then().statusCode(200).body("status", is("RUNNING")));

        String scrape = scrape();
        assertThat(running(scrape)).isEqualTo(runningBefore + 1);
        assertThat(PrometheusText.sum(scrape, "gantry_sandbox_start_seconds_count", Map.of("outcome", "started")))
                .isEqualTo(startsBefore + 1);
        assertThat(PrometheusText.sum(scrape, "gantry_sandbox_start_seconds_sum", Map.of("outcome", "started")))
                .isGreaterThan(0);

        internal().delete("/sandboxes/{id}", id).then().statusCode(204);
        assertThat(running(scrape())).isEqualTo(runningBefore);
    }

    private static double running(String scrape) {
        return PrometheusText.value(scrape, "gantry_sandboxes", Map.of("status", "running")).orElseThrow();
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
