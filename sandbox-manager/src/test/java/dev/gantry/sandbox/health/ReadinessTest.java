package dev.gantry.sandbox.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import dev.gantry.testing.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ReadinessTest {

    @Test
    void isReadyWhenKafkaAnswersAndTheRuntimeCanBeLaunched() {
        given().when().get("/q/health/ready")
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Kafka connection health check", "Sandbox launcher"))
                .body("checks.find { it.name == 'Sandbox launcher' }.data.launcher", is("process"))
                .body("checks.find { it.name == 'Sandbox launcher' }.data.runtimeJarPresent", is(true));
    }
}
