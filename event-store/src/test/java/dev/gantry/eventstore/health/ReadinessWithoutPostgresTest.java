package dev.gantry.eventstore.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(RedisTestResource.class)
@TestProfile(ReadinessWithoutPostgresTest.NoPostgres.class)
class ReadinessWithoutPostgresTest {

    /** PostgreSQL at a port where nothing listens, so there is nothing to migrate either. */
    public static class NoPostgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:1/gantry_events_test",
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/gantry_events_test",
                    "quarkus.flyway.migrate-at-start", "false", "quarkus.flyway.clean-at-start", "false");
        }
    }

    @Test
    void isNotReadyWhilePostgresIsUnreachable() {
        given().when().get("/q/health/ready")
                .then().log().ifValidationFails()
                .statusCode(503)
                .body("status", is("DOWN"))
                .body("checks.find { it.name == 'Reactive PostgreSQL connections health check' }.status", is("DOWN"))
                .body("checks.find { it.name == 'Kafka connection health check' }.status", is("UP"));
    }
}
