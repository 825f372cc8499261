package dev.gantry.worker.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PrometheusText;
import dev.gantry.worker.support.Conversation;
import dev.gantry.worker.support.WorkerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a Prometheus scrape of the agent-worker shows after a step. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class WorkerMetricsTest {

    @Test
    void aStepsToolCallsEventWritesAndTheCommandConsumersLagAreOnTheScrape() {
        double thinksBefore = thinks(scrape());
        Conversation conversation = new Conversation();
        conversation.script()
                .toolCall("think", "{\"thought\": \"measured\"}")
                .toolCall("finish", "{\"message\": \"done\"}");

        conversation.start("Think, then finish.");
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        String scrape = scrape();
        assertThat(thinks(scrape)).isEqualTo(thinksBefore + 1);
        assertThat(PrometheusText.sum(scrape, "gantry_worker_event_writes_seconds_count", Map.of())).isPositive();
        assertThat(PrometheusText.value(scrape, "kafka_consumer_fetch_manager_records_lag_max",
                Map.of("client_id", "gantry-agent-worker-commands"))).as("the commands' lag").isPresent();
    }

    private static double thinks(String scrape) {
        return PrometheusText.sum(scrape, "gantry_worker_tool_calls_seconds_count", Map.of("tool", "think"));
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
