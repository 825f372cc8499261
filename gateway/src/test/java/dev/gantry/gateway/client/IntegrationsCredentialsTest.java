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

    @Test
    void aConnectionIsPassedOnForTheUserAndItsStatusAndProblemsComeBack() {
        String user = TestTokens.newUser();
        integrations.stubFor(post(urlPathEqualTo("/git/connections")).andMatching(InternalCredentials.asUser(user))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson(
                        "{\"provider\":\"github\",\"tokenSecretName\":\"gh\"}"))
                .willReturn(Stubs.json(201, "{\"id\":\"" + java.util.UUID.randomUUID() + "\",\"login\":\"octocat\"}")));

        given().auth().oauth2(TestTokens.forUser(user)).contentType(ContentType.JSON)
                .body("{\"provider\":\"github\",\"tokenSecretName\":\"gh\"}")
                .when().post("/api/v1/git/connections")
                .then().log().ifValidationFails().statusCode(201).body("login", org.hamcrest.Matchers.is("octocat"));

        integrations.stubFor(post(urlPathEqualTo("/git/connections")).andMatching(InternalCredentials.asUser(user))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("bad"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://gantry.dev/problems/git-token-rejected\",\"title\":\"Git token rejected\","
                                + "\"status\":400,\"detail\":\"GitHub refused the token (401): Bad credentials\","
                                + "\"errors\":[{\"field\":\"tokenSecretName\",\"reason\":\"Bad credentials\"}]}")));
        given().auth().oauth2(TestTokens.forUser(user)).contentType(ContentType.JSON)
                .body("{\"provider\":\"github\",\"tokenSecretName\":\"bad\"}")
                .when().post("/api/v1/git/connections")
                .then().statusCode(400).body("type", org.hamcrest.Matchers.is("https://gantry.dev/problems/git-token-rejected"))
                .body("errors[0].field", org.hamcrest.Matchers.is("tokenSecretName"));
    }

    @Test
    void aConnectionRequestOfTheWrongShapeIsRefusedAtTheGatewayNamingTheField() {
        given().auth().oauth2(TestTokens.forUser(TestTokens.newUser())).contentType(ContentType.JSON)
                .body("{\"provider\":\"sourceforge\",\"tokenSecretName\":\"gh\"}")
                .when().post("/api/v1/git/connections")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.containsString("provider"));
        integrations.verify(0, postRequestedFor(urlPathEqualTo("/git/connections")));
    }

    @Test
    void branchesAreAskedForWithTheirSearchAndPage() {
        String user = TestTokens.newUser();
        integrations.stubFor(get(urlPathEqualTo("/git/branches")).andMatching(InternalCredentials.asUser(user))
                .withQueryParam("repository", equalTo("acme/api")).withQueryParam("query", equalTo("fe"))
                .withQueryParam("pageId", equalTo("p2"))
                .willReturn(Stubs.json(200, "{\"items\":[{\"name\":\"feature\"}],\"nextPageId\":null}")));

        given().auth().oauth2(TestTokens.forUser(user)).queryParam("repository", "acme/api").queryParam("query", "fe")
                .queryParam("pageId", "p2").when().get("/api/v1/git/branches")
                .then().log().ifValidationFails().statusCode(200).body("items[0].name", org.hamcrest.Matchers.is("feature"));
    }

    @Test
    void aWebhookWhoseSignatureIntegrationsRefusedIsAnsweredTheProvider401() {
        integrations.stubFor(post(urlPathEqualTo("/webhooks/github"))
                .withHeader("X-GitHub-Delivery", equalTo("forged"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://gantry.dev/problems/webhook-signature\",\"title\":\"Webhook signature"
                                + " refused\",\"status\":401,\"detail\":\"X-Hub-Signature-256 does not match\"}")));
        given().contentType(ContentType.JSON).header("X-GitHub-Event", "issues").header("X-GitHub-Delivery", "forged")
                .header("X-Hub-Signature-256", "sha256=00").body("{}").when().post("/api/v1/webhooks/github")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.is("https://gantry.dev/problems/webhook-signature"));
    }

    @Test
    void resolverConfigurationsArePassedOnForTheUser() {
        String user = TestTokens.newUser();
        integrations.stubFor(post(urlPathEqualTo("/resolver/configurations")).andMatching(InternalCredentials.asUser(user))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson(
                        "{\"provider\":\"github\",\"repository\":\"acme/api\",\"webhookSecretName\":\"hook\"}"))
                .willReturn(Stubs.json(201, "{\"id\":\"" + java.util.UUID.randomUUID() + "\",\"repository\":\"acme/api\"}")));

        given().auth().oauth2(TestTokens.forUser(user)).contentType(ContentType.JSON)
                .body("{\"provider\":\"github\",\"repository\":\"acme/api\",\"webhookSecretName\":\"hook\"}")
                .when().post("/api/v1/resolver/configurations")
                .then().log().ifValidationFails().statusCode(201).body("repository", org.hamcrest.Matchers.is("acme/api"));
        given().auth().oauth2(TestTokens.forUser(user)).contentType(ContentType.JSON)
                .body("{\"provider\":\"github\",\"repository\":\"acme/api\"}")
                .when().post("/api/v1/resolver/configurations")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.containsString("webhookSecretName"));
    }
}
