package dev.gantry.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import dev.gantry.gateway.support.GatewayTestResource;
import dev.gantry.gateway.support.InternalCredentials;
import dev.gantry.gateway.support.Stubs;
import dev.gantry.gateway.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A second user learns nothing of the first user's resources: every one of them answers 404. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class TenantIsolationTest {

    private final String alice = TestTokens.newUser();
    private final String bob = TestTokens.newUser();
    private final String bobsToken = TestTokens.forUser(bob);
    private final UUID alicesConversation = UUID.randomUUID();

    @BeforeEach
    void alicesResources() {
        GatewayTestResource.resetDownstream();
        Stubs.ownedConversation(alicesConversation, alice, "sb-alice");
        GatewayTestResource.sandboxManager().stubFor(post(urlPathEqualTo("/sandboxes/sb-alice/pause"))
                .andMatching(InternalCredentials.asUser(bob)).willReturn(Stubs.notFound("sandbox sb-alice")));
        GatewayTestResource.sandboxManager().stubFor(delete(urlPathEqualTo("/sandboxes/sb-alice"))
                .andMatching(InternalCredentials.asUser(bob)).willReturn(Stubs.notFound("sandbox sb-alice")));
        GatewayTestResource.conversationService().stubFor(delete(urlPathEqualTo("/secrets/alices-key"))
                .andMatching(InternalCredentials.asUser(bob)).willReturn(Stubs.notFound("secret alices-key")));
    }

    @Test
    void anotherUsersConversationIsNotFound() {
        assertNotFound(given().auth().oauth2(bobsToken).when().get("/api/v1/conversations/" + alicesConversation).then());
        assertNotFound(given().auth().oauth2(bobsToken).contentType(ContentType.JSON).body("{\"content\":\"hi\",\"run\":true}")
                .when().post("/api/v1/conversations/" + alicesConversation + "/messages").then());
        assertNotFound(given().auth().oauth2(bobsToken).when().delete("/api/v1/conversations/" + alicesConversation).then());
    }

    @Test
    void anotherUsersEventsAndEventStreamAreNotFoundAndTheEventStoreIsNotAsked() {
        assertNotFound(given().auth().oauth2(bobsToken)
                .when().get("/api/v1/conversations/" + alicesConversation + "/events").then());
        assertNotFound(given().auth().oauth2(bobsToken).accept("text/event-stream")
                .when().get("/api/v1/conversations/" + alicesConversation + "/events/stream").then());

        GatewayTestResource.eventStore().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anotherUsersFilesAreNotFoundAndTheSandboxIsNotAsked() {
        assertNotFound(given().auth().oauth2(bobsToken).queryParam("path", "/workspace/secret.txt")
                .when().get("/api/v1/conversations/" + alicesConversation + "/files").then());

        GatewayTestResource.sandboxManager().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anotherUsersSandboxIsNotFound() {
        assertNotFound(given().auth().oauth2(bobsToken).when().post("/api/v1/sandboxes/sb-alice/pause").then());
        assertNotFound(given().auth().oauth2(bobsToken).when().delete("/api/v1/sandboxes/sb-alice").then());
    }

    @Test
    void anotherUsersSecretIsNotFound() {
        assertNotFound(given().auth().oauth2(bobsToken).when().delete("/api/v1/secrets/alices-key").then());
    }

    @Test
    void anAdminListsAcrossUsers() {
        String admin = TestTokens.newUser();
        GatewayTestResource.conversationService().stubFor(get(urlPathEqualTo("/conversations"))
                .willReturn(Stubs.json(200, Stubs.page(List.of(Stubs.conversation(alicesConversation, alice, null))))));

        given().auth().oauth2(TestTokens.forAdmin(admin)).queryParam("allUsers", true)
                .when().get("/api/v1/conversations")
                .then().statusCode(200).body("items[0].ownerId", is(alice));

        GatewayTestResource.conversationService().verify(getRequestedFor(urlPathEqualTo("/conversations"))
                .andMatching(InternalCredentials.asAdmin(admin))
                .withQueryParam("allUsers", equalTo("true")));
    }

    @Test
    void aUserWithoutTheAdminRoleCannotListAcrossUsers() {
        given().auth().oauth2(bobsToken).queryParam("allUsers", true).when().get("/api/v1/conversations")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", is("https://gantry.dev/problems/forbidden"));

        GatewayTestResource.conversationService().verify(0, getRequestedFor(urlPathEqualTo("/conversations")));
    }

    private static void assertNotFound(ValidatableResponse response) {
        response.log().ifValidationFails()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("https://gantry.dev/problems/not-found"));
    }
}
