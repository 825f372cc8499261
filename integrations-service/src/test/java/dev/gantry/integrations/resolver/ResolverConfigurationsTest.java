package dev.gantry.integrations.resolver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.auth.TestCallers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may configure the resolver: a user for themselves, an admin for anyone; bad fields are named. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(ResolverTestResource.class)
class ResolverConfigurationsTest {

    private final WireMockServer store = ResolverTestResource.store();

    @BeforeEach
    void stubs() {
        store.resetAll();
        store.stubFor(post(urlPathEqualTo("/internal/resolver/configurations")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(ResolverStubs.configuration(UUID.randomUUID(), "github", "github.com", "acme/api"))));
    }

    @Test
    void aUserConfiguresARepositoryForThemselvesWithTheInstallationsLabelAndMention() {
        as("alice").body("{\"provider\":\"github\",\"repository\":\"acme/api\",\"webhookSecretName\":\"hook-secret\"}")
                .post("/resolver/configurations").then().statusCode(201).body("repository", is("acme/api"));

        store.verify(postRequestedFor(urlPathEqualTo("/internal/resolver/configurations"))
                .withRequestBody(matchingJsonPath("$.userId", equalTo("alice")))
                .withRequestBody(matchingJsonPath("$.createdBy", equalTo("alice")))
                .withRequestBody(matchingJsonPath("$.host", equalTo("github.com")))
                .withRequestBody(matchingJsonPath("$.label", equalTo("gantry")))
                .withRequestBody(matchingJsonPath("$.mention", equalTo("@gantry"))));
    }

    @Test
    void onlyAnAdminConfiguresTheResolverForAnotherUser() {
        String forBob = "{\"provider\":\"gitlab\",\"repository\":\"acme/web\",\"userId\":\"bob\",\"webhookSecretName\":\"hook\"}";
        as("alice").body(forBob).post("/resolver/configurations").then().statusCode(403)
                .contentType("application/problem+json");
        store.verify(0, postRequestedFor(urlPathEqualTo("/internal/resolver/configurations")));

        as("root", "admin").body(forBob).post("/resolver/configurations").then().statusCode(201);
        store.verify(postRequestedFor(urlPathEqualTo("/internal/resolver/configurations"))
                .withRequestBody(matchingJsonPath("$.userId", equalTo("bob")))
                .withRequestBody(matchingJsonPath("$.createdBy", equalTo("root"))));
        as("alice").queryParam("allUsers", true).get("/resolver/configurations").then().statusCode(403);
    }

    @Test
    void aBadFieldIsNamed() {
        as("alice").body("{\"provider\":\"github\",\"repository\":\"acme/api\",\"webhookSecretName\":\"s\",\"mention\":\"gantry\"}")
                .post("/resolver/configurations").then().statusCode(400).body("errors[0].field", is("mention"));
        as("alice").body("{\"provider\":\"github\",\"repository\":\"https://github.com/acme/api\",\"webhookSecretName\":\"s\"}")
                .post("/resolver/configurations").then().statusCode(400).body("errors[0].field", is("repository"));
        as("alice").body("{\"provider\":\"gitea\",\"repository\":\"acme/api\",\"webhookSecretName\":\"s\"}")
                .post("/resolver/configurations").then().statusCode(400).body("errors[0].field", is("provider"));
    }

    @Test
    void anotherUsersConfigurationIsNotFoundForAUserAndRemovedByAnAdmin() {
        UUID id = UUID.randomUUID();
        String bobs = ResolverStubs.configuration(id, "github", "github.com", "acme/api").replace("\"alice\"", "\"bob\"");
        store.stubFor(get(urlPathEqualTo("/internal/resolver/configurations/" + id)).willReturn(okJson(bobs)));
        store.stubFor(delete(urlPathEqualTo("/internal/resolver/configurations/" + id)).willReturn(aResponse().withStatus(204)));

        as("alice").delete("/resolver/configurations/" + id).then().statusCode(404);
        store.verify(0, deleteRequestedFor(urlPathEqualTo("/internal/resolver/configurations/" + id)));
        as("bob").delete("/resolver/configurations/" + id).then().statusCode(204);
        as("root", "admin").delete("/resolver/configurations/" + id).then().statusCode(204);
        store.verify(2, deleteRequestedFor(urlPathEqualTo("/internal/resolver/configurations/" + id)));
    }

    private static RequestSpecification as(String user, String... roles) {
        return given().header(InternalHeaders.AUTHORIZATION, TestCallers.authorization(user, roles))
                .contentType("application/json");
    }
}
