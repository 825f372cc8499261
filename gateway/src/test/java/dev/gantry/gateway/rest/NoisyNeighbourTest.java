package dev.gantry.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.gantry.gateway.support.GatewayTestResource;
import dev.gantry.gateway.support.Stubs;
import dev.gantry.gateway.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What one user sends can fail that user's request, never anybody else's. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class NoisyNeighbourTest {

    private final String user = TestTokens.newUser();
    private final String token = TestTokens.forUser(user);

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void reset() {
        GatewayTestResource.resetDownstream();
        breakers.resetAll();
    }

    @Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    @AfterEach
    void closeBreakersAndRefillThisMachinesAddressBucket() {
        breakers.resetAll();
        // every test of this JVM calls from 127.0.0.1: the unauthenticated requests here must not spend the
        // address's bucket for the webhook tests
        redis.key().del("gantry:ratelimit:address:127.0.0.1");
    }

    @Test
    void aTitleWithNulIsABadRequestNamingTheTitleAndReachesNoService() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"title\":\"broken\\u0000title\"}")
                .when().patch("/api/v1/conversations/" + UUID.randomUUID())
                .then().log().ifValidationFails()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("title"))
                .body("errors[0].reason", containsString("NUL"));
        GatewayTestResource.conversationService().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anUnpairedSurrogateInANestedFieldIsNamedToo() {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\":\"ok\",\"value\":\"half \\ud800 of a pair\"}")
                .when().post("/api/v1/secrets")
                .then().log().ifValidationFails()
                .statusCode(400).body("errors[0].field", is("value"))
                .body("errors[0].reason", containsString("unpaired surrogate"));
        GatewayTestResource.conversationService().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aQueryParameterWithNulIsABadRequestNamingIt() {
        given().auth().oauth2(token).urlEncodingEnabled(false).when().get("/api/v1/conversations?titleContains=a%00b")
                .then().log().ifValidationFails()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("titleContains"));
        GatewayTestResource.conversationService().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void requestsThatMakeAServiceFailDoNotOpenTheBreakerForOtherUsers() {
        UUID noisy = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();
        GatewayTestResource.conversationService().stubFor(patch(urlPathEqualTo("/conversations/" + noisy))
                .willReturn(aResponse().withStatus(500)));
        GatewayTestResource.conversationService().stubFor(patch(urlPathEqualTo("/conversations/" + quiet))
                .willReturn(Stubs.json(200, Stubs.conversation(quiet, "other", null))));

        // as many as the user's burst allows: more than the breaker's window of 20 calls
        for (int i = 0; i < GatewayTestResource.BURST; i++) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"title\":\"t\"}")
                    .when().patch("/api/v1/conversations/" + noisy).then().statusCode(502);
        }
        String other = TestTokens.forUser(TestTokens.newUser());
        given().auth().oauth2(other).contentType(ContentType.JSON).body("{\"title\":\"t\"}")
                .when().patch("/api/v1/conversations/" + quiet)
                .then().log().ifValidationFails().statusCode(200);
    }

    @Test
    void requestsAServiceIsTooSlowToAnswerInTimeDoNotOpenTheBreakerForOtherUsers() throws Exception {
        UUID slow = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();
        int lateBy = GatewayTestResource.TIMEOUT_MILLIS + 500;
        GatewayTestResource.conversationService().stubFor(patch(urlPathEqualTo("/conversations/" + slow))
                .willReturn(Stubs.json(200, Stubs.conversation(slow, user, null)).withFixedDelay(lateBy)));
        GatewayTestResource.conversationService().stubFor(patch(urlPathEqualTo("/conversations/" + quiet))
                .willReturn(Stubs.json(200, Stubs.conversation(quiet, "other", null))));

        // the user's whole burst at once, each timing out: as many timeouts as the breaker's window of 20 calls
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < GatewayTestResource.BURST; i++) {
                answers.add(clients.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body("{\"title\":\"t\"}").when().patch("/api/v1/conversations/" + slow).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        }
        assertThat(statuses).as("each slow request fails on its own").containsOnly(503);

        String other = TestTokens.forUser(TestTokens.newUser());
        given().auth().oauth2(other).contentType(ContentType.JSON).body("{\"title\":\"t\"}")
                .when().patch("/api/v1/conversations/" + quiet)
                .then().log().ifValidationFails().statusCode(200);
        // the stub's late answers are all sent before the next test uses it
        Thread.sleep(lateBy);
    }

    enum Version { HTTP_1_1, HTTP_2 }

    @ParameterizedTest
    @EnumSource(Version.class)
    void aChunkedBodyOverTheLimitIsRefusedLikeOneWithALength(Version version) throws Exception {
        byte[] huge = ("{\"content\":\"" + "x".repeat(GatewayTestResource.MAX_BODY_BYTES * 2) + "\",\"run\":true}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.valueOf(version.name())).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/api/v1/conversations/" + UUID.randomUUID() + "/messages"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                // no length: sent in chunks
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build();

        if (version == Version.HTTP_1_1) {
            assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
        } else {
            // over h2c the HTTP layer's 413 carries a Connection header that HTTP/2 forbids: the JDK client
            // reports a protocol error, or the end of the stream the server closed, instead of the status; either
            // way the body goes nowhere
            try {
                assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
            } catch (java.io.IOException refused) {
                assertThat(refused.getMessage()).containsAnyOf("connection", "EOF reached");
            }
        }
        GatewayTestResource.conversationService().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void requestsWithoutAValidTokenAreRateLimitedByAddress() {
        int refused = 0;
        for (int i = 0; i < GatewayTestResource.BURST + 5; i++) {
            int status = given().auth().oauth2("not-a-token").when().get("/api/v1/conversations")
                    .then().extract().statusCode();
            if (status == 429) {
                refused++;
            } else {
                assertThat(status).isEqualTo(401);
            }
        }
        assertThat(refused).isPositive();
    }

    @Test
    void aNumberOutOfRangeIsABadRequestNamingTheParameterNotANotFound() {
        given().auth().oauth2(token).when().get("/api/v1/conversations?limit=99999999999")
                .then().log().ifValidationFails()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("limit"));
        given().auth().oauth2(token).when()
                .get("/api/v1/conversations/" + UUID.randomUUID() + "/events?afterSeq=1e3")
                .then().log().ifValidationFails()
                .statusCode(400).body("errors[0].field", is("afterSeq"));
    }
}
