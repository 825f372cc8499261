package dev.gantry.eventstore.rest;

import static org.hamcrest.Matchers.is;

import dev.gantry.contracts.problem.Problem;
import dev.gantry.eventstore.support.Callers;
import dev.gantry.eventstore.support.EventStoreTest;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.auth.TestCallers;
import dev.gantry.testing.auth.TestCallers.BadCredential;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every route verifies its caller: no credential, or a forged, stale or claimed one, is a 401. */
@EventStoreTest
class CallerVerificationTest {

    private static final UUID CONVERSATION = UUID.randomUUID();

    /** A route, and whether the agent-worker and the integrations-service (the resolver) call it. */
    record Route(String path, boolean agentWorker) {

        @Override
        public String toString() {
            return "GET " + path;
        }
    }

    static final List<Route> ROUTES = List.of(
            new Route("/conversations/" + CONVERSATION + "/events", true),
            new Route("/conversations/" + CONVERSATION + "/head", true),
            new Route("/conversations/" + CONVERSATION + "/events/count", false),
            new Route("/conversations/" + CONVERSATION + "/events/" + UUID.randomUUID(), false),
            new Route("/conversations/" + CONVERSATION + "/events/stream", false));

    static Stream<Arguments> routesAndBadCredentials() {
        return ROUTES.stream().flatMap(route -> TestCallers.badCredentials(Callers.USER).stream()
                .map(credential -> Arguments.of(route, credential)));
    }

    static Stream<Route> routes() {
        return ROUTES.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("routesAndBadCredentials")
    void aRequestWithoutAValidCredentialIsUnauthorized(Route route, BadCredential credential) {
        RequestSpecification request = RestAssured.given();
        credential.headers().forEach(header -> request.header(header.name(), header.value()));
        request.get(route.path()).then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .body("status", is(401)).header("WWW-Authenticate", is("Bearer realm=\"gantry-internal\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aServiceTheRouteDoesNotAdmitIsForbidden(Route route) {
        asService(TestCallers.GATEWAY_TOKEN).get(route.path()).then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE).body("status", is(403));
        if (!route.agentWorker()) {
            asService(TestCallers.AGENT_WORKER_TOKEN).get(route.path()).then().statusCode(403);
            asService(TestCallers.INTEGRATIONS_SERVICE_TOKEN).get(route.path()).then().statusCode(403);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void theAgentWorkerAndTheResolverReadTheHistoryAndTheHead(Route route) {
        if (route.agentWorker()) {
            asService(TestCallers.AGENT_WORKER_TOKEN).get(route.path()).then().statusCode(200);
            asService(TestCallers.INTEGRATIONS_SERVICE_TOKEN).get(route.path()).then().statusCode(200);
        }
    }

    private static RequestSpecification asService(String token) {
        return RestAssured.given().header(InternalHeaders.SERVICE_TOKEN, token);
    }
}
