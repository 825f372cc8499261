package dev.gantry.gateway.client;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.gantry.gateway.support.GatewayTestResource;
import dev.gantry.gateway.support.InternalCredentials;
import dev.gantry.gateway.support.Stubs;
import dev.gantry.gateway.support.TestTokens;
import dev.gantry.platform.auth.Caller;
import dev.gantry.platform.auth.InternalHeaders;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the gateway sends the platform's services for a user: the token it signed for that user (with their
 * roles), and nothing that merely names them.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class DownstreamCredentialsTest {

    private final String user = TestTokens.newUser();
    private final UUID id = UUID.randomUUID();

    @BeforeEach
    void reset() {
        GatewayTestResource.resetDownstream();
    }

    @Test
    void everyCallForAUserCarriesTheTokenSignedForThemAndNoIdentityHeader() {
        Stubs.ownedConversation(id, user, "sb-1");
        // the whole log: the conversation's lastSeq is 2
        GatewayTestResource.eventStore().stubFor(get(urlPathEqualTo("/conversations/" + id + "/events"))
                .willReturn(Stubs.json(200, Stubs.page(List.of(Stubs.event(id, 1), Stubs.event(id, 2))))));
        GatewayTestResource.sandboxManager().stubFor(get(urlPathEqualTo("/sandboxes"))
                .willReturn(Stubs.json(200, Stubs.page(List.of(Stubs.sandbox("sb-1", user))))));
        String token = TestTokens.forUser(user);

        given().auth().oauth2(token).header("X-Gantry-User", "somebody-else").header("X-Gantry-Roles", "admin")
                .when().get("/api/v1/conversations/" + id + "/events").then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/v1/sandboxes").then().statusCode(200);

        List<LoggedRequest> calls = Stream.of(GatewayTestResource.conversationService(),
                        GatewayTestResource.eventStore(), GatewayTestResource.sandboxManager())
                .flatMap(service -> service.findAll(anyRequestedFor(anyUrl())).stream()).toList();
        assertThat(calls).hasSize(3).allSatisfy(call -> {
            assertThat(InternalCredentials.RETIRED_HEADERS).noneMatch(call::containsHeader);
            assertThat(call.containsHeader(InternalHeaders.SERVICE_TOKEN)).isFalse();
            assertThat(call.getHeader(InternalHeaders.AUTHORIZATION)).startsWith(InternalHeaders.BEARER_PREFIX)
                    .doesNotContain(token);
            assertThat(InternalCredentials.callerOf(call)).contains(new Caller.User(user, Set.of()));
        });
    }

    @Test
    void anAdminsTokenCarriesTheAdminRoleAndAnotherUsersDoesNot() {
        String admin = TestTokens.newUser();
        WireMockServer conversations = GatewayTestResource.conversationService();
        conversations.stubFor(get(urlPathEqualTo("/conversations")).willReturn(Stubs.json(200, Stubs.page(List.of()))));

        given().auth().oauth2(TestTokens.forAdmin(admin)).queryParam("allUsers", true)
                .when().get("/api/v1/conversations").then().statusCode(200);
        given().auth().oauth2(TestTokens.forUser(user)).when().get("/api/v1/conversations").then().statusCode(200);

        assertThat(conversations.findAll(anyRequestedFor(anyUrl())))
                .extracting(InternalCredentials::callerOf)
                .containsExactly(Optional.of(new Caller.User(admin, Set.of(Caller.User.ADMIN_ROLE))),
                        Optional.of(new Caller.User(user, Set.of())));
    }
}
