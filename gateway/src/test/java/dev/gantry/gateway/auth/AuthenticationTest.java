package dev.gantry.gateway.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import dev.gantry.gateway.support.GatewayTestResource;
import dev.gantry.gateway.support.Stubs;
import dev.gantry.gateway.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class AuthenticationTest {

    private final String user = TestTokens.newUser();

    @BeforeEach
    void settingsAnswer() {
        GatewayTestResource.resetDownstream();
        GatewayTestResource.conversationService().stubFor(get(urlPathEqualTo("/settings"))
                .willReturn(Stubs.json(200, """
                        {"model":"gpt-4o","maxIterations":100,"confirmationPolicy":"never"}""")));
    }

    @Test
    void acceptsAnRs256TokenOfTheConfiguredIssuerAndAudience() {
        given().auth().oauth2(TestTokens.forUser(user))
                .when().get("/api/v1/settings")
                .then().statusCode(200).body("model", is("gpt-4o"));
    }

    @Test
    void rejectsARequestWithoutToken() {
        assertUnauthorized(given().when().get("/api/v1/settings").then());
    }

    @Test
    void rejectsAnUnsignedAlgNoneToken() {
        assertUnauthorized(given().auth().oauth2(TestTokens.unsigned(user)).when().get("/api/v1/settings").then());
    }

    @Test
    void rejectsAnHs256TokenKeyedWithThePublicKey() throws Exception {
        assertUnauthorized(given().auth().oauth2(TestTokens.hs256WithPublicKey(user))
                .when().get("/api/v1/settings").then());
    }

    @Test
    void rejectsATokenOfAnotherIssuer() {
        assertUnauthorized(given().auth().oauth2(TestTokens.withIssuer(user, "https://evil.example"))
                .when().get("/api/v1/settings").then());
    }

    @Test
    void rejectsATokenForAnotherAudience() {
        assertUnauthorized(given().auth().oauth2(TestTokens.withAudience(user, "another-service"))
                .when().get("/api/v1/settings").then());
    }

    @Test
    void rejectsAnExpiredToken() {
        assertUnauthorized(given().auth().oauth2(TestTokens.expired(user)).when().get("/api/v1/settings").then());
    }

    @Test
    void rejectsATokenSignedByAnUnknownKey() throws Exception {
        assertUnauthorized(given().auth().oauth2(TestTokens.signedByAnotherKey(user))
                .when().get("/api/v1/settings").then());
    }

    @Test
    void rejectsGarbageInTheAuthorizationHeader() {
        assertUnauthorized(given().header("Authorization", "Bearer not.a.jwt").when().get("/api/v1/settings").then());
    }

    private static void assertUnauthorized(ValidatableResponse response) {
        response.log().ifValidationFails()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("type", is("https://gantry.dev/problems/unauthorized"))
                .body("status", is(401));
        GatewayTestResource.conversationService().verify(0, anyRequestedFor(anyUrl()));
    }
}
