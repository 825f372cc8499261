package dev.gantry.system;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

/** The public git routes, through the gateway to the integrations-service, say that no provider is built. */
class GitProvidersTest {

    @Test
    void listingRepositoriesIsNotImplementedRatherThanNotFound() {
        TestUser user = TestUser.create("git");
        user.api.request().get("/api/v1/git/repositories")
                .then().statusCode(501).contentType("application/problem+json")
                .body("type", is("https://gantry.dev/problems/not-implemented"))
                .body("detail", containsString("not part of this version of Gantry"));
    }
}
