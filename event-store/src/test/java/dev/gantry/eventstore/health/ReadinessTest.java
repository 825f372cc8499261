package dev.gantry.eventstore.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import dev.gantry.eventstore.support.EventStoreTest;
import org.junit.jupiter.api.Test;

@EventStoreTest
class ReadinessTest {

    @Test
    void isReadyWhenPostgresKafkaAndRedisAnswer() {
        given().when().get("/q/health/ready")
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Kafka connection health check",
                        "Reactive PostgreSQL connections health check", "Redis connection health check"));
    }
}
