package dev.gantry.system;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

/**
 * The public git routes reach the integrations-service through the gateway: a user who connected no git
 * host is told which field is missing and how to add one, whatever route is asked.
 */
class GitProvidersTest {

    @Test
    void listingRepositoriesWithoutAConnectionNamesTheHostAndHowToConnect() {
        TestUser user = TestUser.create("git");
        user.api.request().get("/api/v1/git/repositories")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("host"))
                .body("detail", containsString("POST /api/v1/git/connections"));
    }

    @Test
    void aHostTheUserHasNoConnectionToIsRefusedByName() {
        TestUser user = TestUser.create("git");
        user.api.request().queryParam("host", "gitlab.example.com").get("/api/v1/git/user")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("host"))
                .body("detail", containsString("gitlab.example.com"));
    }
}
