package dev.gantry.gateway.ratelimit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import dev.gantry.gateway.support.GatewayTestResource;
import dev.gantry.gateway.support.Stubs;
import dev.gantry.gateway.support.TestTokens;
import dev.gantry.testing.PrometheusText;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-user token bucket in the machine's Redis. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class RateLimitTest {

    /** Scraped where Prometheus scrapes the gateway: its management interface, not the public port. */
    @TestHTTPResource(value = "/metrics", management = true) // under the management root, /q
    URL metrics;

    @BeforeEach
    void settingsAnswer() {
        GatewayTestResource.resetDownstream();
        GatewayTestResource.conversationService().stubFor(get(urlPathEqualTo("/settings"))
                .willReturn(Stubs.json(200, "{\"model\":\"gpt-4o\",\"maxIterations\":100,\"confirmationPolicy\":\"never\"}")));
    }

    @Test
    void answersTooManyRequestsWithRetryAfterOnceTheBurstIsSpent() {
        String token = TestTokens.forUser(TestTokens.newUser());
        double limitedBefore = PrometheusText.sum(scrape(), "gantry_gateway_rate_limited_total", Map.of("by", "user"));

        Response limited = null;
        int allowed = 0;
        // the bucket refills one token a second, so a few more than the burst must hit the limit
        for (int i = 0; i < GatewayTestResource.BURST * 2 && limited == null; i++) {
            Response response = given().auth().oauth2(token).when().get("/api/v1/settings");
            if (response.statusCode() == 429) {
                limited = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                allowed++;
            }
        }

        assertThat(limited).as("a 429 within twice the burst").isNotNull();
        assertThat(allowed).isGreaterThanOrEqualTo(GatewayTestResource.BURST);
        limited.then().contentType("application/problem+json")
                .body("type", is("https://gantry.dev/problems/rate-limited"))
                .body("status", is(429));
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        // on the dashboards: the refusal, and the route's requests by status
        String scrape = scrape();
        assertThat(PrometheusText.sum(scrape, "gantry_gateway_rate_limited_total", Map.of("by", "user")))
                .isEqualTo(limitedBefore + 1);
        assertThat(PrometheusText.sum(scrape, "http_server_requests_seconds_count",
                Map.of("uri", "/api/v1/settings", "status", "429"))).isGreaterThanOrEqualTo(1);
        assertThat(PrometheusText.sum(scrape, "http_server_requests_seconds_count",
                Map.of("uri", "/api/v1/settings", "status", "200"))).isGreaterThanOrEqualTo(allowed);
    }

    private String scrape() {
        return given().get(metrics).then().statusCode(200).extract().asString();
    }

    @Test
    void oneUsersSpentBucketDoesNotLimitAnother() {
        String greedy = TestTokens.forUser(TestTokens.newUser());
        for (int i = 0; i < GatewayTestResource.BURST * 2; i++) {
            given().auth().oauth2(greedy).when().get("/api/v1/settings");
        }
        given().auth().oauth2(greedy).when().get("/api/v1/settings").then().statusCode(429);

        given().auth().oauth2(TestTokens.forUser(TestTokens.newUser())).when().get("/api/v1/settings")
                .then().statusCode(200);
    }
}
