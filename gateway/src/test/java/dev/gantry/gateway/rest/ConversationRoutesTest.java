package dev.gantry.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.gantry.gateway.support.GatewayTestResource;
import dev.gantry.gateway.support.InternalCredentials;
import dev.gantry.gateway.support.Stubs;
import dev.gantry.gateway.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class ConversationRoutesTest {

    private final String user = TestTokens.newUser();
    private final String token = TestTokens.forUser(user);
    private final UUID id = UUID.randomUUID();
    private WireMockServer conversations;

    @BeforeEach
    void reset() {
        GatewayTestResource.resetDownstream();
        conversations = GatewayTestResource.conversationService();
    }

    @Test
    void startsAConversationAsTheTokensUserWhateverHeaderTheClientSends() {
        conversations.stubFor(post(urlPathEqualTo("/conversations"))
                .willReturn(Stubs.json(201, Stubs.conversation(id, user, null))));

        given().auth().oauth2(token).header("X-Gantry-User", "somebody-else").contentType(ContentType.JSON)
                .body("""
                        {"initialMessage":"Fix the build","repository":"acme/app","branch":"main","title":"Build"}""")
                .when().post("/api/v1/conversations")
                .then().log().ifValidationFails()
                .statusCode(201)
                .body("id", is(id.toString()))
                .body("status", is("running"))
                .body("metrics.cost", is("0.01"));

        conversations.verify(postRequestedFor(urlPathEqualTo("/conversations"))
                .andMatching(InternalCredentials.asUser(user))
                .withRequestBody(equalToJson("""
                        {"initialMessage":"Fix the build","repository":"acme/app","branch":"main","title":"Build"}""")));
    }

    @Test
    void anIdempotencyKeyReachesConversationServiceAndItsReplayIsPassedBack() {
        String key = UUID.randomUUID().toString();
        conversations.stubFor(post(urlPathEqualTo("/conversations")).withHeader("Idempotency-Key", equalTo(key))
                .willReturn(Stubs.json(201, Stubs.conversation(id, user, null))
                        .withHeader("Location", "http://conversation-service/conversations/" + id)
                        .withHeader("Idempotent-Replayed", "true")));

        given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"initialMessage\":\"Fix the build\"}")
                .when().post("/api/v1/conversations")
                .then().log().ifValidationFails()
                .statusCode(201)
                .header("Idempotent-Replayed", is("true"))
                .header("Location", endsWith("/api/v1/conversations/" + id))
                .body("id", is(id.toString()));

        conversations.verify(1, postRequestedFor(urlPathEqualTo("/conversations"))
                .andMatching(InternalCredentials.asUser(user))
                .withHeader("Idempotency-Key", equalTo(key)));
    }

    @Test
    void aCreateWithoutAKeySendsNoneAndIsNotTriedAgainWhileAKeyedOneIs() {
        conversations.stubFor(post(urlPathEqualTo("/conversations"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").when().post("/api/v1/conversations")
                .then().log().ifValidationFails().statusCode(503);
        conversations.verify(1, postRequestedFor(urlPathEqualTo("/conversations"))
                .withHeader("Idempotency-Key", absent()));

        conversations.resetRequests();
        given().auth().oauth2(token).header("Idempotency-Key", "retry-me").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/conversations")
                .then().log().ifValidationFails().statusCode(503);
        conversations.verify(3, postRequestedFor(urlPathEqualTo("/conversations"))
                .withHeader("Idempotency-Key", equalTo("retry-me")));
    }

    @Test
    void anIdempotencyKeyThatIsNotOneTo255PrintableAsciiCharactersIsABadRequestNamingItAndReachesNoService() {
        for (String bad : List.of("", "has space", "x".repeat(256), "clé")) {
            given().auth().oauth2(token).header("Idempotency-Key", bad).contentType(ContentType.JSON).body("{}")
                    .when().post("/api/v1/conversations")
                    .then().log().ifValidationFails()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", is("Idempotency-Key"));
        }
        conversations.verify(0, postRequestedFor(urlPathEqualTo("/conversations")));
    }

    @Test
    void listsTheCallersConversationsWithTheFiltersPassedOn() {
        conversations.stubFor(get(urlPathEqualTo("/conversations"))
                .willReturn(Stubs.json(200, Stubs.page(List.of(Stubs.conversation(id, user, "sb-1"))))));

        given().auth().oauth2(token)
                .queryParam("limit", 10).queryParam("status", "running").queryParam("titleContains", "build")
                .queryParam("pageId", "p2").queryParam("sort", "-updatedAt")
                .queryParam("createdAfter", "2026-01-01T00:00:00Z").queryParam("updatedBefore", "2026-12-31T00:00:00Z")
                .when().get("/api/v1/conversations")
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("items[0].id", is(id.toString()))
                .body("nextPageId", nullValue());

        conversations.verify(getRequestedFor(urlPathEqualTo("/conversations"))
                .andMatching(InternalCredentials.asUser(user))
                .withHeader("X-Gantry-Roles", absent())
                .withQueryParam("limit", equalTo("10"))
                .withQueryParam("status", equalTo("running"))
                .withQueryParam("titleContains", equalTo("build"))
                .withQueryParam("sort", equalTo("-updatedAt"))
                .withQueryParam("createdAfter", equalTo("2026-01-01T00:00:00Z"))
                .withQueryParam("updatedBefore", equalTo("2026-12-31T00:00:00Z"))
                .withQueryParam("pageId", equalTo("p2")));
    }

    @Test
    void anUnknownSortIsABadRequestNamingItAndReachesNoService() {
        given().auth().oauth2(token).queryParam("sort", "title").when().get("/api/v1/conversations")
                .then().log().ifValidationFails()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("sort"));
        conversations.verify(0, getRequestedFor(urlPathEqualTo("/conversations")));
    }

    @Test
    void readsOneConversation() {
        Stubs.ownedConversation(id, user, "sb-1");

        given().auth().oauth2(token).when().get("/api/v1/conversations/" + id)
                .then().statusCode(200).body("sandboxId", is("sb-1")).body("ownerId", is(user));
    }

    @Test
    void renamesAConversation() {
        conversations.stubFor(patch(urlPathEqualTo("/conversations/" + id))
                .willReturn(Stubs.json(200, Stubs.conversation(id, user, null))));

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"title\":\"Fix the build\"}")
                .when().patch("/api/v1/conversations/" + id)
                .then().statusCode(200).body("title", is("Fix the build"));

        conversations.verify(patchRequestedFor(urlPathEqualTo("/conversations/" + id))
                .andMatching(InternalCredentials.asUser(user))
                .withRequestBody(equalToJson("{\"title\":\"Fix the build\"}")));
    }

    @Test
    void deletesAConversation() {
        conversations.stubFor(delete(urlPathEqualTo("/conversations/" + id)).willReturn(noContent()));

        given().auth().oauth2(token).when().delete("/api/v1/conversations/" + id).then().statusCode(204);

        conversations.verify(deleteRequestedFor(urlPathEqualTo("/conversations/" + id))
                .andMatching(InternalCredentials.asUser(user)));
    }

    @Test
    void sendsAMessage() {
        conversations.stubFor(post(urlPathEqualTo("/conversations/" + id + "/messages"))
                .willReturn(Stubs.json(202, "{\"commandId\":\"c-1\"}")));

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"content\":\"Run the tests\",\"run\":true}")
                .when().post("/api/v1/conversations/" + id + "/messages")
                .then().statusCode(202).body("commandId", is("c-1"));

        conversations.verify(postRequestedFor(urlPathEqualTo("/conversations/" + id + "/messages"))
                .andMatching(InternalCredentials.asUser(user))
                .withRequestBody(equalToJson("{\"content\":\"Run the tests\",\"run\":true}")));
    }

    @Test
    void pausesResumesAndStops() {
        for (String action : List.of("pause", "resume", "stop")) {
            conversations.stubFor(post(urlPathEqualTo("/conversations/" + id + "/" + action))
                    .willReturn(Stubs.json(202, "{\"commandId\":\"" + action + "-1\"}")));

            given().auth().oauth2(token).when().post("/api/v1/conversations/" + id + "/" + action)
                    .then().statusCode(202).body("commandId", is(action + "-1"));

            conversations.verify(postRequestedFor(urlPathEqualTo("/conversations/" + id + "/" + action))
                    .andMatching(InternalCredentials.asUser(user)));
        }
    }

    @Test
    void answersAConfirmation() {
        conversations.stubFor(post(urlPathEqualTo("/conversations/" + id + "/confirmation"))
                .willReturn(Stubs.json(202, "{\"commandId\":\"c-2\"}")));

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"accept\":false,\"reason\":\"too risky\"}")
                .when().post("/api/v1/conversations/" + id + "/confirmation")
                .then().statusCode(202).body("commandId", is("c-2"));

        conversations.verify(postRequestedFor(urlPathEqualTo("/conversations/" + id + "/confirmation"))
                .withRequestBody(equalToJson("{\"accept\":false,\"reason\":\"too risky\"}")));
    }

    @Test
    void readsAPageOfEventsAfterCheckingOwnership() {
        Stubs.ownedConversation(id, user, null);
        GatewayTestResource.eventStore().stubFor(get(urlPathEqualTo("/conversations/" + id + "/events"))
                .willReturn(Stubs.json(200, Stubs.page(List.of(Stubs.event(id, 3), Stubs.event(id, 4))))));

        given().auth().oauth2(token).queryParam("afterSeq", 2).queryParam("limit", 2).queryParam("kind", "MessageEvent")
                .queryParam("source", "agent")
                .when().get("/api/v1/conversations/" + id + "/events")
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("items.seq", is(List.of(3, 4)))
                .body("items[0].kind", is("MessageEvent"))
                .body("items[0].payload.content", is("step 3"));

        GatewayTestResource.eventStore().verify(getRequestedFor(urlPathEqualTo("/conversations/" + id + "/events"))
                .withQueryParam("afterSeq", equalTo("2"))
                .withQueryParam("limit", equalTo("2"))
                .withQueryParam("kind", equalTo("MessageEvent"))
                .withQueryParam("source", equalTo("agent")));
    }

    @Test
    void aLastPageShortOfTheConversationsLastSeqIsReadAgainUntilItReachesIt() {
        // the conversation says lastSeq 2; the event-store has stored event 1 only, then both
        Stubs.ownedConversation(id, user, null);
        String events = "/conversations/" + id + "/events";
        GatewayTestResource.eventStore().stubFor(get(urlPathEqualTo(events)).inScenario(id.toString())
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("stored")
                .willReturn(Stubs.json(200, Stubs.page(List.of(Stubs.event(id, 1))))));
        GatewayTestResource.eventStore().stubFor(get(urlPathEqualTo(events)).inScenario(id.toString())
                .whenScenarioStateIs("stored")
                .willReturn(Stubs.json(200, Stubs.page(List.of(Stubs.event(id, 1), Stubs.event(id, 2))))));

        given().auth().oauth2(token)
                .when().get("/api/v1/conversations/" + id + "/events")
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("items.seq", is(List.of(1, 2)));

        GatewayTestResource.eventStore().verify(2, getRequestedFor(urlPathEqualTo(events)));
    }

    @Test
    void anUnknownEventSourceIsABadRequestNamingIt() {
        given().auth().oauth2(token).queryParam("source", "robot")
                .when().get("/api/v1/conversations/" + id + "/events")
                .then().log().ifValidationFails()
                .statusCode(400).body("errors[0].field", is("source"));
        GatewayTestResource.eventStore().verify(0, getRequestedFor(urlPathEqualTo("/conversations/" + id + "/events")));
    }
}
