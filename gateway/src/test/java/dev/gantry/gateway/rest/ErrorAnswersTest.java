package dev.gantry.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.gantry.gateway.support.GatewayTestResource;
import dev.gantry.gateway.support.Stubs;
import dev.gantry.gateway.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import dev.gantry.gateway.client.Guards;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every failure is answered with application/problem+json and a stable type. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class ErrorAnswersTest {

    private final String user = TestTokens.newUser();
    private final String token = TestTokens.forUser(user);
    private final UUID id = UUID.randomUUID();

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void reset() {
        GatewayTestResource.resetDownstream();
    }

    @AfterEach
    void closeBreakers() {
        breakers.resetAll();
    }

    @Test
    void malformedJsonIsABadRequest() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"content\": \"unterminated")
                .when().post("/api/v1/conversations/" + id + "/messages")
                .then().log().ifValidationFails()
                .statusCode(400).contentType("application/problem+json")
                .body("type", is("https://gantry.dev/problems/malformed-json"))
                .body("errors[0].reason", containsString("end-of-input"));
        GatewayTestResource.conversationService().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aFieldOfTheWrongTypeIsABadRequestNamingIt() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"content\":\"hi\",\"run\":{\"no\":1}}")
                .when().post("/api/v1/conversations/" + id + "/messages")
                .then().log().ifValidationFails()
                .statusCode(400).contentType("application/problem+json")
                .body("type", is("https://gantry.dev/problems/malformed-json"))
                .body("errors[0].field", is("run"))
                .body("errors[0].reason", is("must be true or false"));
    }

    @Test
    void aFieldTheRequestDoesNotHaveIsRefusedRatherThanIgnored() {
        // a misspelt maxIterations would otherwise leave the setting as it was, with a 200
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"maxIteration\": 3}")
                .when().post("/api/v1/settings")
                .then().log().ifValidationFails()
                .statusCode(400).contentType("application/problem+json")
                .body("type", is("https://gantry.dev/problems/malformed-json"))
                .body("errors[0].field", is("maxIteration"))
                .body("errors[0].reason", is("is not a field of this request; its fields are apiKeySecretName, baseUrl,"
                        + " condenser, confirmationPolicy, maxBudget, maxIterations, maxTokens, model, sandboxSecrets"));
        GatewayTestResource.conversationService().verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"model\": 5}                    | model              | must be a string",
            "{\"maxIterations\": \"12\"}       | maxIterations      | must be an integer",
            "{\"maxIterations\": 12.7}         | maxIterations      | must be an integer",
            "{\"confirmationPolicy\": 1}       | confirmationPolicy | must be one of never, always, risky",
            "{\"confirmationPolicy\": \"no\"}  | confirmationPolicy | must be one of never, always, risky",
            "{\"condenser\": {\"mode\": \"no\"}} | condenser.mode | must be one of llm, recent-events-only, off",
            "{\"condenser\": {\"maxSize\": \"9\"}} | condenser.maxSize | must be an integer",
            "{\"model\": \"gpt\"} {}           | body               | has more after its JSON document"})
    void aValueOfTheWrongKindIsRefusedNotConverted(String body, String field, String reason) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/settings")
                .then().log().ifValidationFails()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is(field))
                .body("errors[0].reason", is(reason));
        GatewayTestResource.conversationService().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theAnswersOfTheServicesBehindAreReadLeniently() {
        // a service may add a field before the gateway knows it: only what clients send is read strictly
        GatewayTestResource.conversationService().stubFor(get(urlPathEqualTo("/settings")).willReturn(Stubs.json(200,
                "{\"model\":\"gpt-4o\",\"maxIterations\":50,\"confirmationPolicy\":\"never\",\"aFieldAddedLater\":1}")));
        given().auth().oauth2(token).when().get("/api/v1/settings")
                .then().log().ifValidationFails()
                .statusCode(200).body("model", is("gpt-4o"));
    }

    @Test
    void anInvalidFieldIsABadRequestNamingTheFieldAndTheReason() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"content\":\"  \",\"run\":true}")
                .when().post("/api/v1/conversations/" + id + "/messages")
                .then().log().ifValidationFails()
                .statusCode(400).contentType("application/problem+json")
                .body("type", is("https://gantry.dev/problems/validation"))
                .body("errors.field", hasItem("content"))
                .body("errors[0].reason", is("must not be blank"));
    }

    @Test
    void aLimitOutOfRangeIsABadRequestNamingTheParameter() {
        given().auth().oauth2(token).queryParam("limit", 1000).when().get("/api/v1/conversations")
                .then().log().ifValidationFails()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("limit"));
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        String huge = "{\"content\":\"" + "x".repeat(GatewayTestResource.MAX_BODY_BYTES) + "\",\"run\":true}";
        given().auth().oauth2(token).contentType(ContentType.JSON).body(huge)
                .when().post("/api/v1/conversations/" + id + "/messages")
                .then().log().ifValidationFails()
                .statusCode(413).contentType("application/problem+json")
                .body("type", is("https://gantry.dev/problems/payload-too-large"));
        GatewayTestResource.conversationService().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anUnknownRouteIsAProblemNotFound() {
        given().auth().oauth2(token).when().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", is("https://gantry.dev/problems/not-found"));
    }

    @Test
    void aMethodTheRouteDoesNotTakeIsNamed() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").when().put("/api/v1/settings")
                .then().statusCode(405).contentType("application/problem+json")
                .body("detail", is("the route /api/v1/settings does not take PUT"));
    }

    @Test
    void aDownstreamThatDropsTheConnectionIsServiceUnavailableAfterRetriesWithWhenToTryAgain() {
        GatewayTestResource.conversationService().stubFor(get(urlPathEqualTo("/conversations/" + id))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        given().auth().oauth2(token).when().get("/api/v1/conversations/" + id)
                .then().log().ifValidationFails()
                .statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "2")
                .body("type", is("https://gantry.dev/problems/service-unavailable"))
                .body("detail", containsString("conversation-service"));

        GatewayTestResource.conversationService().verify(3, getRequestedFor(urlPathEqualTo("/conversations/" + id)));
    }

    @Test
    void aServiceThatCannotBeReachedOpensOneBreakerForAllItsRoutesOfAKind() {
        GatewayTestResource.conversationService().stubFor(get(urlPathEqualTo("/conversations/" + id))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        // three tries each: the seventh read makes 21 failed calls, more than the breaker's window of 20
        for (int read = 0; read < 7; read++) {
            given().auth().oauth2(token).when().get("/api/v1/conversations/" + id).then().statusCode(503);
        }

        assertThat(breakers.currentState(Guards.CONVERSATION_SERVICE_IDEMPOTENT)).isEqualTo(CircuitBreakerState.OPEN);
        given().auth().oauth2(token).when().get("/api/v1/settings")
                .then().log().ifValidationFails()
                .statusCode(503).header("Retry-After", "10")
                .body("detail", containsString("conversation-service"));
        GatewayTestResource.conversationService().verify(0, getRequestedFor(urlPathEqualTo("/settings")));
    }

    @Test
    void aDownstreamServerErrorIsABadGatewayForThatRequestNotAnOutage() {
        GatewayTestResource.sandboxManager().stubFor(get(urlPathEqualTo("/sandboxes"))
                .willReturn(aResponse().withStatus(500)));

        given().auth().oauth2(token).when().get("/api/v1/sandboxes")
                .then().statusCode(502).contentType("application/problem+json")
                .body("detail", is("a platform service failed on this request"));
        GatewayTestResource.sandboxManager().verify(1, getRequestedFor(urlPathEqualTo("/sandboxes")));
    }

    @Test
    void aDownstreamThatHangsIsServiceUnavailableAfterTheTimeoutNotAHang() {
        GatewayTestResource.conversationService().stubFor(post(urlPathEqualTo("/conversations/" + id + "/stop"))
                .willReturn(Stubs.json(202, "{\"commandId\":\"late\"}")
                        .withFixedDelay(GatewayTestResource.TIMEOUT_MILLIS * 3)));
        Instant start = Instant.now();

        given().auth().oauth2(token).when().post("/api/v1/conversations/" + id + "/stop")
                .then().log().ifValidationFails()
                .statusCode(503).contentType("application/problem+json")
                .body("type", is("https://gantry.dev/problems/service-unavailable"));

        assertThat(Duration.between(start, Instant.now()))
                .isLessThan(Duration.ofMillis(GatewayTestResource.TIMEOUT_MILLIS * 2L));
    }

    @Test
    void aReadThatTimedOutIsNotTriedAgainOnTheBusyServiceButLeftToTheClient() {
        GatewayTestResource.conversationService().stubFor(get(urlPathEqualTo("/conversations/" + id))
                .willReturn(Stubs.json(200, Stubs.conversation(id, "late", null))
                        .withFixedDelay(GatewayTestResource.TIMEOUT_MILLIS * 2)));

        given().auth().oauth2(token).when().get("/api/v1/conversations/" + id)
                .then().log().ifValidationFails()
                .statusCode(503).header("Retry-After", "2");

        GatewayTestResource.conversationService().verify(1, getRequestedFor(urlPathEqualTo("/conversations/" + id)));
    }

    @Test
    void aDownstreamValidationProblemIsPassedOnWithItsFields() {
        GatewayTestResource.conversationService().stubFor(post(urlPathEqualTo("/secrets"))
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json")
                        .withBody("""
                                {"type":"https://gantry.dev/problems/conflict","title":"Conflict","status":409,\
                                "detail":"a secret named openai exists","errors":[{"field":"name","reason":"taken"}]}""")));

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\":\"openai\",\"value\":\"sk\"}")
                .when().post("/api/v1/secrets")
                .then().log().ifValidationFails()
                .statusCode(409).contentType("application/problem+json")
                .body("type", is("https://gantry.dev/problems/conflict"))
                .body("errors[0].field", is("name"))
                .body("instance", is("/api/v1/secrets"));
    }
}
