package dev.gantry.sandbox.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.auth.TestCallers;
import dev.gantry.testing.auth.TestCallers.BadCredential;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route verifies its caller: no credential, or a forged, stale or merely claimed one, is a 401;
 * a service other than the agent-worker is a 403, and so is a user asking for a runtime's connection.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class CallerVerificationTest {

    static final String PROBLEM = "application/problem+json";
    private static final String SANDBOX = "/sandboxes/" + UUID.randomUUID();

    /** A route, and whether users may call it (the agent-worker may call all). */
    record Route(String method, String path, boolean users) {

        @Override
        public String toString() {
            return method + " " + path.replace(SANDBOX, "/sandboxes/{id}");
        }
    }

    static final List<Route> ROUTES = List.of(
            new Route("POST", "/sandboxes", true),
            new Route("GET", "/sandboxes", true),
            new Route("GET", SANDBOX, true),
            new Route("DELETE", SANDBOX, true),
            new Route("POST", SANDBOX + "/pause", true),
            new Route("POST", SANDBOX + "/resume", true),
            new Route("GET", SANDBOX + "/connection", false),
            new Route("GET", SANDBOX + "/files?path=a.txt", true),
            new Route("GET", SANDBOX + "/files/list?path=.", true),
            new Route("PUT", SANDBOX + "/files?path=a.txt", true));

    static Stream<Arguments> routesAndBadCredentials() {
        return ROUTES.stream().flatMap(route -> TestCallers.badCredentials("mallory").stream()
                .map(credential -> Arguments.of(route, credential)));
    }

    static Stream<Route> routes() {
        return ROUTES.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("routesAndBadCredentials")
    void aRequestWithoutAValidCredentialIsUnauthorized(Route route, BadCredential credential) {
        RequestSpecification request = given().contentType("application/json").body("{}");
        credential.headers().forEach(header -> request.header(header.name(), header.value()));
        request.request(route.method(), route.path()).then().statusCode(401).contentType(PROBLEM)
                .body("status", is(401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aServiceOtherThanTheAgentWorkerIsForbidden(Route route) {
        for (String token : List.of(TestCallers.INTEGRATIONS_SERVICE_TOKEN, TestCallers.GATEWAY_TOKEN)) {
            given().header(InternalHeaders.SERVICE_TOKEN, token).contentType("application/json").body("{}")
                    .request(route.method(), route.path()).then().statusCode(403).contentType(PROBLEM)
                    .body("status", is(403));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aUserReachesOnlyTheRoutesForUsers(Route route) {
        int status = given().header(InternalHeaders.AUTHORIZATION, TestCallers.authorization("mallory"))
                .contentType("application/json").body("{}").request(route.method(), route.path()).statusCode();
        if (route.users()) {
            assertThat(status).isNotIn(401, 403);
        } else {
            assertThat(status).isEqualTo(403);
        }
    }
}
