package dev.gantry.conversation.startup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.LatePostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL is not there when the service starts (as right after a full test run, or a restart of it) and comes
 * up seconds later: the migration waits for it with backoff (quarkus.flyway.connect-retries) instead of ending
 * the start with "Acquisition timeout", and the service is ready once the database answers.
 * <p>
 * In a package of its own that sorts after the others: a test application started before ConversationMetricsTest's in
 * the same JVM leaves that test's status gauges off its scrape (a test-JVM effect, one application per JVM in use).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = LatePostgresTestResource.class,
        initArgs = {@ResourceArg(name = "database", value = "gantry_conversations_test"),
                @ResourceArg(name = "jdbc", value = "true"),
                @ResourceArg(name = "downSeconds", value = "6")})
class LateDatabaseStartTest {

    @Test
    void startsAndBecomesReadyWhenPostgresComesUpAfterTheServiceStarted() {
        assertThat(LatePostgresTestResource.proxy().refused()).as("connections tried while PostgreSQL was down")
                .isPositive();
        given().when().get("/q/health/ready")
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("status", is("UP"));
        assertThat(LatePostgresTestResource.proxy().forwarded()).isPositive();
    }
}
