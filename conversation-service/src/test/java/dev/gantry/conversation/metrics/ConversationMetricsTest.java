package dev.gantry.conversation.metrics;

import static dev.gantry.conversation.support.Api.as;
import static dev.gantry.conversation.support.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.conversation.repository.ConversationRepository;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PostgresTestResource;
import dev.gantry.testing.PrometheusText;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = {@ResourceArg(name = "database", value = "gantry_conversations_test"),
                @ResourceArg(name = "jdbc", value = "true")})
class ConversationMetricsTest {

    @Inject
    ConversationRepository conversations;

    @Test
    void conversationsByStatusFollowTheDatabaseAtTheNextRefresh() throws Throwable {
        as(newUser()).post("/conversations").then().statusCode(201);
        as(newUser()).post("/conversations").then().statusCode(201);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            long idle = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(conversations::countByStatus))
                    .getOrDefault(ExecutionStatus.IDLE, 0L);
            String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(idle).isGreaterThanOrEqualTo(2);
            assertThat(PrometheusText.value(scrape, "gantry_conversations", Map.of("status", "idle")))
                    .hasValue(idle);
        });
        String scrape = given().get("/q/metrics").then().extract().asString();
        assertThat(PrometheusText.value(scrape, "gantry_conversations", Map.of("status", "stuck"))).isPresent();
    }

    @Test
    void requestsAreCountedByRouteAndStatus() {
        as(newUser()).get("/conversations").then().statusCode(200);

        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(PrometheusText.sum(scrape, "http_server_requests_seconds_count",
                Map.of("method", "GET", "uri", "/conversations", "status", "200"))).isGreaterThanOrEqualTo(1);
    }
}
