package dev.gantry.integrations.git;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.platform.auth.ServiceNames;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.auth.TestCallers;
import dev.gantry.testing.auth.TestCallers.BadCredential;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route verifies its caller: no credential, or a forged, stale or merely claimed one, is a 401; a
 * caller the route does not admit is a 403.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class CallerVerificationTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Map<String, String> TOKENS = Map.of(
            ServiceNames.AGENT_WORKER, TestCallers.AGENT_WORKER_TOKEN,
            ServiceNames.INTEGRATIONS_SERVICE, TestCallers.INTEGRATIONS_SERVICE_TOKEN,
            ServiceNames.GATEWAY, TestCallers.GATEWAY_TOKEN);

    /** A route, whether users call it, and the services that do. */
    record Route(String method, String path, boolean users, Set<String> services) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Route> ROUTES = List.of(
            new Route("GET", "/git/repositories", true, Set.of()),
            new Route("GET", "/git/branches", true, Set.of()),
            new Route("GET", "/git/connections", true, Set.of()),
            new Route("POST", "/git/connections", true, Set.of()),
            new Route("DELETE", "/git/connections/" + java.util.UUID.randomUUID(), true, Set.of()),
            new Route("GET", "/git/user", true, Set.of()),
            new Route("POST", "/internal/conversations/" + java.util.UUID.randomUUID() + "/pull-requests", false,
                    Set.of(ServiceNames.AGENT_WORKER)),
            new Route("GET", "/resolver/configurations", true, Set.of()),
            new Route("POST", "/resolver/configurations", true, Set.of()),
            new Route("DELETE", "/resolver/configurations/" + java.util.UUID.randomUUID(), true, Set.of()),
            // a provider with no webhooks: the gateway gets past the caller check to a 404, where a real provider's
            // unsigned "{}" would be the signature's 401
            new Route("POST", "/webhooks/forgejo", false, Set.of(ServiceNames.GATEWAY)));

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
    void aCallerTheRouteDoesNotAdmitIsForbidden(Route route) {
        TOKENS.forEach((service, token) -> {
            int status = given().header(InternalHeaders.SERVICE_TOKEN, token).contentType("application/json")
                    .body("{}").request(route.method(), route.path()).statusCode();
            if (route.services().contains(service)) {
                assertThat(status).as(service).isNotIn(401, 403);
            } else {
                assertThat(status).as(service).isEqualTo(403);
            }
        });
        int asUser = given().header(InternalHeaders.AUTHORIZATION, TestCallers.authorization("mallory"))
                .contentType("application/json").body("{}").request(route.method(), route.path()).statusCode();
        if (route.users()) {
            assertThat(asUser).isNotIn(401, 403);
        } else {
            assertThat(asUser).isEqualTo(403);
        }
    }
}
