package dev.gantry.integrations.git;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.auth.TestCallers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The git-provider routes say that they are not built, as a problem, not as a missing resource. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class GitProviderResourceTest {

    @Test
    void listingRepositoriesIsAnsweredNotImplemented() {
        given().header(InternalHeaders.AUTHORIZATION, TestCallers.authorization("alice")).get("/git/repositories")
                .then().statusCode(501).contentType("application/problem+json")
                .body("type", is("https://gantry.dev/problems/not-implemented"))
                .body("detail", containsString("not part of this version of Gantry"));
    }

    @Test
    void aWebhookIsAnsweredNotImplemented() {
        given().header(InternalHeaders.SERVICE_TOKEN, TestCallers.GATEWAY_TOKEN).contentType("application/json")
                .body("{}").post("/webhooks/github")
                .then().statusCode(501).body("detail", containsString("taking webhooks from github"));
    }
}
