package dev.gantry.gateway.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ReadinessWithoutRedisTest.NoRedis.class)
class ReadinessWithoutRedisTest {

    /** Redis at a port where nothing listens. */
    public static class NoRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    @TestHTTPResource(value = "/health/ready", management = true) // under the management root, /q
    URL ready;

    @Test
    void isNotReadyWhileRedisIsUnreachable() {
        given().when().get(ready)
                .then().log().ifValidationFails()
                .statusCode(503)
                .body("status", is("DOWN"))
                .body("checks.find { it.name == 'Redis connection health check' }.status", is("DOWN"));
    }
}
