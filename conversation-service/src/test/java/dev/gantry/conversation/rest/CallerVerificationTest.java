package dev.gantry.conversation.rest;

import static dev.gantry.conversation.support.Api.as;
import static dev.gantry.conversation.support.Api.asService;
import static dev.gantry.conversation.support.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import dev.gantry.contracts.problem.Problem;
import dev.gantry.platform.auth.ServiceNames;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PostgresTestResource;
import dev.gantry.testing.auth.TestCallers;
import dev.gantry.testing.auth.TestCallers.BadCredential;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route verifies its caller: no credential, or a forged, stale or merely claimed one, is a 401; a
 * caller the route does not admit is a 403; a user never reaches another user's conversation.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = {@ResourceArg(name = "database", value = "gantry_conversations_test"),
                @ResourceArg(name = "jdbc", value = "true")})
class CallerVerificationTest {

    private static final String CONVERSATION = "/conversations/" + UUID.randomUUID();
    private static final String INTERNAL = "/internal/conversations/" + UUID.randomUUID();
    private static final Map<String, String> TOKENS = Map.of(
            ServiceNames.AGENT_WORKER, TestCallers.AGENT_WORKER_TOKEN,
            ServiceNames.INTEGRATIONS_SERVICE, TestCallers.INTEGRATIONS_SERVICE_TOKEN,
            ServiceNames.GATEWAY, TestCallers.GATEWAY_TOKEN);

    /** A route, whether users call it, and the services that do. */
    record Route(String method, String path, boolean users, Set<String> services) {

        static Route forUsers(String method, String path) {
            return new Route(method, path, true, Set.of());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Route> ROUTES = List.of(
            Route.forUsers("POST", "/conversations"),
            Route.forUsers("GET", "/conversations"),
            Route.forUsers("GET", CONVERSATION),
            Route.forUsers("PATCH", CONVERSATION),
            Route.forUsers("DELETE", CONVERSATION),
            Route.forUsers("POST", CONVERSATION + "/messages"),
            Route.forUsers("POST", CONVERSATION + "/pause"),
            Route.forUsers("POST", CONVERSATION + "/resume"),
            Route.forUsers("POST", CONVERSATION + "/stop"),
            Route.forUsers("POST", CONVERSATION + "/confirmation"),
            Route.forUsers("GET", "/settings"),
            Route.forUsers("POST", "/settings"),
            Route.forUsers("GET", "/secrets"),
            Route.forUsers("POST", "/secrets"),
            Route.forUsers("PUT", "/secrets/KEY"),
            Route.forUsers("DELETE", "/secrets/KEY"),
            Route.forUsers("GET", "/mcp-servers"),
            Route.forUsers("POST", "/mcp-servers"),
            Route.forUsers("DELETE", "/mcp-servers/tools"),
            Route.forUsers("GET", "/skills"),
            Route.forUsers("POST", "/skills"),
            Route.forUsers("GET", "/skills/python"),
            Route.forUsers("PUT", "/skills/python"),
            Route.forUsers("DELETE", "/skills/python"),
            Route.forUsers("GET", "/event-callbacks"),
            Route.forUsers("POST", "/event-callbacks"),
            Route.forUsers("DELETE", "/event-callbacks/" + UUID.randomUUID()),
            new Route("GET", INTERNAL, false, Set.of(ServiceNames.AGENT_WORKER, ServiceNames.INTEGRATIONS_SERVICE)),
            new Route("GET", INTERNAL + "/git/credentials", false,
                    Set.of(ServiceNames.AGENT_WORKER, ServiceNames.INTEGRATIONS_SERVICE)),
            new Route("POST", INTERNAL + "/pull-requests", false, Set.of(ServiceNames.INTEGRATIONS_SERVICE)),
            new Route("GET", "/internal/users/alice/git-connections", false, Set.of(ServiceNames.INTEGRATIONS_SERVICE)),
            new Route("PUT", "/internal/users/alice/git-connections", false, Set.of(ServiceNames.INTEGRATIONS_SERVICE)),
            new Route("DELETE", "/internal/users/alice/git-connections/" + UUID.randomUUID(), false,
                    Set.of(ServiceNames.INTEGRATIONS_SERVICE)),
            new Route("GET", "/internal/users/alice/secrets/KEY", false, Set.of(ServiceNames.INTEGRATIONS_SERVICE)),
            new Route("GET", INTERNAL + "/secrets/KEY", false,
                    Set.of(ServiceNames.AGENT_WORKER, ServiceNames.INTEGRATIONS_SERVICE)),
            new Route("GET", INTERNAL + "/event-callbacks", false, Set.of(ServiceNames.INTEGRATIONS_SERVICE)),
            new Route("GET", INTERNAL + "/mcp-servers", false, Set.of(ServiceNames.AGENT_WORKER)),
            new Route("GET", INTERNAL + "/skills", false, Set.of(ServiceNames.AGENT_WORKER)),
            new Route("GET", "/internal/resolver/configurations", false, Set.of(ServiceNames.INTEGRATIONS_SERVICE)),
            new Route("POST", "/internal/resolver/configurations", false, Set.of(ServiceNames.INTEGRATIONS_SERVICE)),
            new Route("GET", "/internal/resolver/configurations/" + UUID.randomUUID(), false,
                    Set.of(ServiceNames.INTEGRATIONS_SERVICE)),
            new Route("DELETE", "/internal/resolver/configurations/" + UUID.randomUUID(), false,
                    Set.of(ServiceNames.INTEGRATIONS_SERVICE)),
            new Route("GET", "/internal/resolver/repositories?provider=github&host=github.com&repository=a/b", false,
                    Set.of(ServiceNames.INTEGRATIONS_SERVICE)),
            new Route("POST", "/internal/resolver/deliveries/github/conversation", false,
                    Set.of(ServiceNames.INTEGRATIONS_SERVICE)),
            new Route("GET", "/internal/resolver/jobs/" + UUID.randomUUID(), false, Set.of(ServiceNames.INTEGRATIONS_SERVICE)),
            new Route("PATCH", "/internal/resolver/jobs/" + UUID.randomUUID(), false, Set.of(ServiceNames.INTEGRATIONS_SERVICE)));

    static Stream<Arguments> routesAndBadCredentials() {
        return ROUTES.stream().flatMap(route -> TestCallers.badCredentials(newUser()).stream()
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
        request.request(route.method(), route.path()).then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .body("status", is(401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aCallerTheRouteDoesNotAdmitIsForbidden(Route route) {
        TOKENS.forEach((service, token) -> {
            int status = asService(token).contentType("application/json").body("{}")
                    .request(route.method(), route.path()).statusCode();
            if (route.services().contains(service)) {
                assertThat(status).as(service).isNotIn(401, 403);
            } else {
                assertThat(status).as(service).isEqualTo(403);
            }
        });
        int asUser = as(newUser()).body("{}").request(route.method(), route.path()).statusCode();
        if (route.users()) {
            assertThat(asUser).isNotIn(401, 403);
        } else {
            assertThat(asUser).isEqualTo(403);
        }
    }

    @Test
    void aUserCannotReachAnotherUsersConversationOrConfiguration() {
        String owner = newUser();
        String id = as(owner).post("/conversations").then().statusCode(201).extract().path("id");
        as(owner).body(Map.of("name", "OWNER_KEY", "value", "v")).post("/secrets").then().statusCode(201);
        String conversation = "/conversations/" + id;
        String stranger = newUser();

        as(stranger).get(conversation).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        as(stranger).body(Map.of("title", "mine now")).patch(conversation).then().statusCode(404);
        as(stranger).body(Map.of("content", "hi", "run", true)).post(conversation + "/messages").then().statusCode(404);
        for (String action : List.of("/pause", "/resume", "/stop")) {
            as(stranger).post(conversation + action).then().statusCode(404);
        }
        as(stranger).body(Map.of("accept", true)).post(conversation + "/confirmation").then().statusCode(404);
        as(stranger).delete(conversation).then().statusCode(404);
        as(stranger).delete("/secrets/OWNER_KEY").then().statusCode(404);
        as(stranger).get("/conversations").then().statusCode(200).body("items.size()", is(0));

        as(owner).get(conversation).then().statusCode(200).body("ownerId", is(owner));
        as(owner).get("/secrets").then().statusCode(200).body("items.size()", is(1));
    }
}
