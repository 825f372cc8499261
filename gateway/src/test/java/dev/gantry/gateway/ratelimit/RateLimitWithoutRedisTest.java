package dev.gantry.gateway.ratelimit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.gateway.support.GatewayTestResource;
import dev.gantry.gateway.support.Stubs;
import dev.gantry.gateway.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With Redis gone (its address refuses connections), the limits still hold: each key is checked against a bucket
 * in the gateway's memory, with the same burst, instead of every request going through.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
@TestProfile(RateLimitWithoutRedisTest.RedisGone.class)
class RateLimitWithoutRedisTest {

    public static class RedisGone implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + closedPort());
        }
    }

    @BeforeEach
    void settingsAnswer() {
        GatewayTestResource.resetDownstream();
        GatewayTestResource.conversationService().stubFor(get(urlPathEqualTo("/settings"))
                .willReturn(Stubs.json(200, "{\"model\":\"gpt-4o\",\"maxIterations\":100,\"confirmationPolicy\":\"never\"}")));
    }

    @Test
    void aUserIsLimitedWhileRedisIsDownAndAnotherIsNot() {
        String greedy = TestTokens.forUser(TestTokens.newUser());
        Response limited = null;
        int allowed = 0;
        for (int i = 0; i < GatewayTestResource.BURST * 2 && limited == null; i++) {
            Response response = given().auth().oauth2(greedy).when().get("/api/v1/settings");
            if (response.statusCode() == 429) {
                limited = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                allowed++;
            }
        }

        assertThat(limited).as("a 429 within twice the burst, Redis or not").isNotNull();
        assertThat(allowed).isGreaterThanOrEqualTo(GatewayTestResource.BURST);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        given().auth().oauth2(TestTokens.forUser(TestTokens.newUser())).when().get("/api/v1/settings")
                .then().statusCode(200);
    }

    /** A port nothing listens on: bound, then let go. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
