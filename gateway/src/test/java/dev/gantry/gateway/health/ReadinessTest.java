package dev.gantry.gateway.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import dev.gantry.gateway.support.GatewayTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class ReadinessTest {

    @TestHTTPResource(value = "/health/ready", management = true) // under the management root, /q
    URL ready;

    @Test
    void isReadyWhenRedisAnswers() {
        given().when().get(ready)
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Redis connection health check"));
    }

    @Test
    void healthAndMetricsAreNotOnThePublicPort() {
        given().when().get("/q/health/ready").then().statusCode(404);
        given().when().get("/q/metrics").then().statusCode(404);
    }
}
