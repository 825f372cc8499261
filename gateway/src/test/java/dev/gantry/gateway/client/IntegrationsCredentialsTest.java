package dev.gantry.gateway.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.gantry.gateway.support.GatewayTestResource;
import dev.gantry.gateway.support.InternalCredentials;
import dev.gantry.gateway.support.Stubs;
import dev.gantry.gateway.support.TestTokens;
import dev.gantry.platform.auth.InternalHeaders;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * integrations-service gets a user's calls with the token signed for the user, and the git providers' webhooks,
 * which no user sends, with the gateway's own token.
 */
@QuarkusTest
@WithTestResource(value = GatewayTestResource.class,
        initArgs = @ResourceArg(name = GatewayTestResource.INTEGRATIONS_SERVICE_ARG, value = "stub"))
class IntegrationsCredentialsTest {

    private WireMockServer integrations;

    @BeforeEach
    void reset() {
        GatewayTestResource.resetDownstream();
        integrations = GatewayTestResource.integrationsService();
    }

    @Test
    void aWebhookIsPassedOnWithTheGatewaysOwnTokenAndNoUserToken() {
        integrations.stubFor(post(urlPathEqualTo("/webhooks/github")).andMatching(InternalCredentials.asTheGateway())
                .willReturn(aResponse().withStatus(202)));

        given().contentType(ContentType.JSON).header("X-GitHub-Event", "push").body("{\"ref\":\"refs/heads/main\"}")
                .when().post("/api/v1/webhooks/github")
                .then().log().ifValidationFails().statusCode(202);

        List<LoggedRequest> calls = integrations.findAll(postRequestedFor(urlPathEqualTo("/webhooks/github"))
                .withHeader("X-GitHub-Event", equalTo("push")));
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.containsHeader(InternalHeaders.AUTHORIZATION)).isFalse();
            assertThat(InternalCredentials.RETIRED_HEADERS).noneMatch(call::containsHeader);
        });
    }

    @Test
    void aUsersRepositoriesAreAskedForWithTheTokenSignedForThem() {
        String user = TestTokens.newUser();
        integrations.stubFor(get(urlPathEqualTo("/git/repositories")).andMatching(InternalCredentials.asUser(user))
                .willReturn(Stubs.json(200, Stubs.page(List.of()))));

        given().auth().oauth2(TestTokens.forUser(user)).when().get("/api/v1/git/repositories")
                .then().log().ifValidationFails().statusCode(200);
    }
}
