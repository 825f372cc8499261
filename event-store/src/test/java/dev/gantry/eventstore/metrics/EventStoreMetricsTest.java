package dev.gantry.eventstore.metrics;

import static dev.gantry.eventstore.support.Awaits.awaitHead;
import static dev.gantry.eventstore.support.TestEvents.messages;
import static dev.gantry.eventstore.support.TestEvents.produce;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.eventstore.support.EventStoreTest;
import dev.gantry.testing.PrometheusText;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a Prometheus scrape of the event-store shows. */
@EventStoreTest
class EventStoreMetricsTest {

    @Test
    void ingestedEventsAndTheEventConsumersLagAreOnTheScrape() {
        double storedBefore = PrometheusText.sum(scrape(), "gantry_events_stored_total", Map.of());
        UUID conversation = UUID.randomUUID();

        produce(messages(conversation, 1, 12));
        awaitHead(conversation, 12);

        String scrape = scrape();
        assertThat(PrometheusText.sum(scrape, "gantry_events_stored_total", Map.of())).isEqualTo(storedBefore + 12);
        assertThat(PrometheusText.value(scrape, "kafka_consumer_fetch_manager_records_lag_max", Map.of())).isPresent();
        assertThat(PrometheusText.sum(scrape, "http_server_requests_seconds_count",
                Map.of("uri", "/conversations/{id}/head"))).isGreaterThanOrEqualTo(1);
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
