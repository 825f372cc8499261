package dev.gantry.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.gantry.gateway.support.GatewayTestResource;
import dev.gantry.gateway.support.InternalCredentials;
import dev.gantry.gateway.support.Stubs;
import dev.gantry.gateway.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The happy paths of the settings, secrets, MCP servers, event callbacks, sandboxes and files routes. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class UserRoutesTest {

    private final String user = TestTokens.newUser();
    private final String token = TestTokens.forUser(user);
    private WireMockServer conversations;
    private WireMockServer sandboxes;

    @BeforeEach
    void reset() {
        GatewayTestResource.resetDownstream();
        conversations = GatewayTestResource.conversationService();
        sandboxes = GatewayTestResource.sandboxManager();
    }

    @Test
    void readsAndMergesSettings() {
        String settings = """
                {"model":"gpt-4o","baseUrl":"http://llm:8000/v1","apiKeySecretName":"openai","maxIterations":50,
                 "confirmationPolicy":"risky","maxBudget":"2.50","maxTokens":200000}""";
        conversations.stubFor(get(urlPathEqualTo("/settings")).willReturn(Stubs.json(200, settings)));
        conversations.stubFor(post(urlPathEqualTo("/settings")).willReturn(Stubs.json(200, settings)));

        given().auth().oauth2(token).when().get("/api/v1/settings")
                .then().statusCode(200).body("confirmationPolicy", is("risky")).body("maxBudget", is("2.50"))
                .body("maxTokens", is(200000));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"maxIterations\":50,\"maxBudget\":\"2.50\",\"maxTokens\":200000}")
                .when().post("/api/v1/settings")
                .then().log().ifValidationFails().statusCode(200).body("maxIterations", is(50));

        conversations.verify(postRequestedFor(urlPathEqualTo("/settings")).andMatching(InternalCredentials.asUser(user))
                .withRequestBody(equalToJson("{\"maxIterations\":50,\"maxBudget\":\"2.50\",\"maxTokens\":200000}")));
    }

    @Test
    void aCondenserIsPassedThroughAsGivenAndItsLimitsAreCheckedFirst() {
        String settings = """
                {"model":"gpt-4o","maxIterations":50,"confirmationPolicy":"never",
                 "condenser":{"mode":"recent-events-only","maxSize":60}}""";
        conversations.stubFor(post(urlPathEqualTo("/settings")).willReturn(Stubs.json(200, settings)));

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"condenser\":{\"mode\":\"recent-events-only\",\"maxSize\":60}}")
                .when().post("/api/v1/settings")
                .then().log().ifValidationFails().statusCode(200).body("condenser.maxSize", is(60));
        conversations.verify(postRequestedFor(urlPathEqualTo("/settings"))
                .withRequestBody(equalToJson("{\"condenser\":{\"mode\":\"recent-events-only\",\"maxSize\":60}}")));

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"condenser\":{\"maxSize\":2}}")
                .when().post("/api/v1/settings")
                .then().log().ifValidationFails().statusCode(400).body("errors[0].field", is("condenser.maxSize"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"condenser\":{\"keepFirst\":-1}}")
                .when().post("/api/v1/settings")
                .then().log().ifValidationFails().statusCode(400).body("errors[0].field", is("condenser.keepFirst"));
        conversations.verify(1, postRequestedFor(urlPathEqualTo("/settings")));
    }

    @Test
    void storesListsReplacesAndDeletesSecretsWithoutAnsweringValues() {
        String summary = """
                {"name":"openai","description":"LLM key","createdAt":"2026-11-25T10:00:00Z","updatedAt":"2026-11-25T10:00:00Z"}""";
        conversations.stubFor(post(urlPathEqualTo("/secrets")).willReturn(Stubs.json(201, summary)));
        conversations.stubFor(get(urlPathEqualTo("/secrets")).willReturn(Stubs.json(200, Stubs.page(List.of(summary)))));
        conversations.stubFor(put(urlPathEqualTo("/secrets/openai")).willReturn(Stubs.json(200, summary)));
        conversations.stubFor(delete(urlPathEqualTo("/secrets/openai")).willReturn(noContent()));

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\":\"openai\",\"value\":\"sk-123\",\"description\":\"LLM key\"}")
                .when().post("/api/v1/secrets")
                .then().statusCode(201).body("name", is("openai")).body(not(containsString("sk-123")));
        given().auth().oauth2(token).when().get("/api/v1/secrets")
                .then().statusCode(200).body("items[0].name", is("openai"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"value\":\"sk-456\"}")
                .when().put("/api/v1/secrets/openai")
                .then().statusCode(200);
        given().auth().oauth2(token).when().delete("/api/v1/secrets/openai").then().statusCode(204);

        conversations.verify(putRequestedFor(urlPathEqualTo("/secrets/openai")).andMatching(InternalCredentials.asUser(user))
                .withRequestBody(equalToJson("{\"name\":\"openai\",\"value\":\"sk-456\"}")));
        conversations.verify(deleteRequestedFor(urlPathEqualTo("/secrets/openai")).andMatching(InternalCredentials.asUser(user)));
    }

    @Test
    void addsListsAndRemovesMcpServers() {
        String server = """
                {"name":"github","transport":"streamable-http","url":"https://mcp.example/mcp",
                 "headers":{"Authorization":"secret:github-token"}}""";
        conversations.stubFor(post(urlPathEqualTo("/mcp-servers")).willReturn(Stubs.json(201, server)));
        conversations.stubFor(get(urlPathEqualTo("/mcp-servers")).willReturn(Stubs.json(200, Stubs.page(List.of(server)))));
        conversations.stubFor(delete(urlPathEqualTo("/mcp-servers/github")).willReturn(noContent()));

        given().auth().oauth2(token).contentType(ContentType.JSON).body(server).when().post("/api/v1/mcp-servers")
                .then().log().ifValidationFails().statusCode(201).body("transport", is("streamable-http"));
        given().auth().oauth2(token).when().get("/api/v1/mcp-servers")
                .then().statusCode(200).body("items[0].headers.Authorization", is("secret:github-token"));
        given().auth().oauth2(token).when().delete("/api/v1/mcp-servers/github").then().statusCode(204);

        conversations.verify(postRequestedFor(urlPathEqualTo("/mcp-servers")).withRequestBody(equalToJson(server)));
    }

    @Test
    void addsListsReadsReplacesAndDeletesSkillsAsTheUser() {
        String skill = """
                {"name":"python","triggers":["python","pytest"],"content":"Use pytest -q.",
                 "createdAt":"2026-11-25T10:00:00Z","updatedAt":"2026-11-25T10:00:00Z"}""";
        String replaced = skill.replace("Use pytest -q.", "Use pytest -x.");
        conversations.stubFor(post(urlPathEqualTo("/skills")).willReturn(Stubs.json(201, skill)));
        conversations.stubFor(get(urlPathEqualTo("/skills")).willReturn(Stubs.json(200, Stubs.page(List.of(skill)))));
        conversations.stubFor(get(urlPathEqualTo("/skills/python")).willReturn(Stubs.json(200, skill)));
        conversations.stubFor(put(urlPathEqualTo("/skills/python")).willReturn(Stubs.json(200, replaced)));
        conversations.stubFor(put(urlPathEqualTo("/skills/docs")).willReturn(Stubs.json(201, skill.replace("python", "docs"))));
        conversations.stubFor(delete(urlPathEqualTo("/skills/python")).willReturn(noContent()));

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\":\"python\",\"triggers\":[\"python\",\"pytest\"],\"content\":\"Use pytest -q.\"}")
                .when().post("/api/v1/skills")
                .then().log().ifValidationFails().statusCode(201).body("triggers[1]", is("pytest"));
        given().auth().oauth2(token).when().get("/api/v1/skills")
                .then().statusCode(200).body("items[0].name", is("python"));
        given().auth().oauth2(token).when().get("/api/v1/skills/python")
                .then().statusCode(200).body("content", is("Use pytest -q."));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"content\":\"Use pytest -x.\"}")
                .when().put("/api/v1/skills/python")
                .then().log().ifValidationFails().statusCode(200).body("content", is("Use pytest -x."));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"content\":\"Docs.\"}")
                .when().put("/api/v1/skills/docs")
                .then().statusCode(201);
        given().auth().oauth2(token).when().delete("/api/v1/skills/python").then().statusCode(204);

        conversations.verify(postRequestedFor(urlPathEqualTo("/skills")).andMatching(InternalCredentials.asUser(user))
                .withRequestBody(equalToJson("{\"name\":\"python\",\"triggers\":[\"python\",\"pytest\"],\"content\":\"Use pytest -q.\"}")));
        conversations.verify(putRequestedFor(urlPathEqualTo("/skills/python")).andMatching(InternalCredentials.asUser(user))
                .withRequestBody(equalToJson("{\"name\":\"python\",\"content\":\"Use pytest -x.\"}")));
        conversations.verify(getRequestedFor(urlPathEqualTo("/skills/python")).andMatching(InternalCredentials.asUser(user)));
        conversations.verify(deleteRequestedFor(urlPathEqualTo("/skills/python")).andMatching(InternalCredentials.asUser(user)));
    }

    @Test
    void aBadSkillIsRefusedNamingTheFieldWithoutAskingConversationService() {
        Map<String, String> bodies = Map.of(
                "{\"name\":\"python\",\"content\":\" \"}", "content",
                "{\"name\":\"python\"}", "content",
                "{\"name\":\"a b\",\"content\":\"x\"}", "name",
                "{\"name\":\"python\",\"triggers\":[\"\"],\"content\":\"x\"}", "triggers[0]",
                "{\"name\":\"python\",\"triggers\":\"python\",\"content\":\"x\"}", "triggers",
                "{\"name\":\"python\",\"content\":\"x\",\"priority\":1}", "priority");
        bodies.forEach((body, field) -> given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/skills")
                .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field)));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"content\":\"x\",\"name\":\"python\"}")
                .when().put("/api/v1/skills/python")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("name"));

        conversations.verify(0, postRequestedFor(urlPathEqualTo("/skills")));
        conversations.verify(0, putRequestedFor(urlPathEqualTo("/skills/python")));
    }

    @Test
    void addsListsAndRemovesEventCallbacks() {
        String callback = """
                {"id":"cb-1","url":"https://hooks.example/gantry","eventKinds":["MessageEvent"],"signingSecretName":"hook-key"}""";
        conversations.stubFor(post(urlPathEqualTo("/event-callbacks")).willReturn(Stubs.json(201, callback)));
        conversations.stubFor(get(urlPathEqualTo("/event-callbacks")).willReturn(Stubs.json(200, Stubs.page(List.of(callback)))));
        conversations.stubFor(delete(urlPathEqualTo("/event-callbacks/cb-1")).willReturn(noContent()));

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"url\":\"https://hooks.example/gantry\",\"eventKinds\":[\"MessageEvent\"],\"signingSecretName\":\"hook-key\"}")
                .when().post("/api/v1/event-callbacks")
                .then().log().ifValidationFails().statusCode(201).body("id", is("cb-1"));
        given().auth().oauth2(token).when().get("/api/v1/event-callbacks")
                .then().statusCode(200).body("items[0].url", is("https://hooks.example/gantry"));
        given().auth().oauth2(token).when().delete("/api/v1/event-callbacks/cb-1").then().statusCode(204);

        conversations.verify(deleteRequestedFor(urlPathEqualTo("/event-callbacks/cb-1"))
                .andMatching(InternalCredentials.asUser(user)));
    }

    @Test
    void listsPausesResumesAndDeletesSandboxes() {
        sandboxes.stubFor(get(urlPathEqualTo("/sandboxes"))
                .willReturn(Stubs.json(200, Stubs.page(List.of(Stubs.sandbox("sb-1", user))))));
        sandboxes.stubFor(post(urlPathEqualTo("/sandboxes/sb-1/pause")).willReturn(Stubs.json(202, Stubs.sandbox("sb-1", user))));
        sandboxes.stubFor(post(urlPathEqualTo("/sandboxes/sb-1/resume")).willReturn(Stubs.json(202, Stubs.sandbox("sb-1", user))));
        sandboxes.stubFor(delete(urlPathEqualTo("/sandboxes/sb-1")).willReturn(noContent()));

        given().auth().oauth2(token).when().get("/api/v1/sandboxes")
                .then().statusCode(200).body("items[0].status", is("RUNNING"));
        given().auth().oauth2(token).when().post("/api/v1/sandboxes/sb-1/pause").then().statusCode(202);
        given().auth().oauth2(token).when().post("/api/v1/sandboxes/sb-1/resume").then().statusCode(202);
        given().auth().oauth2(token).when().delete("/api/v1/sandboxes/sb-1").then().statusCode(204);

        sandboxes.verify(getRequestedFor(urlPathEqualTo("/sandboxes")).andMatching(InternalCredentials.asUser(user))
                .withQueryParam("ownerId", equalTo(user)));
        sandboxes.verify(postRequestedFor(urlPathEqualTo("/sandboxes/sb-1/pause")).andMatching(InternalCredentials.asUser(user)));
    }

    @Test
    void readsListsAndWritesFilesInTheConversationsSandbox() {
        UUID id = UUID.randomUUID();
        Stubs.ownedConversation(id, user, "sb-7");
        sandboxes.stubFor(get(urlPathEqualTo("/sandboxes/sb-7/files")).withQueryParam("path", equalTo("/workspace/a.txt"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/octet-stream")
                        .withBody("hello".getBytes(StandardCharsets.UTF_8))));
        sandboxes.stubFor(get(urlPathEqualTo("/sandboxes/sb-7/files/list"))
                .willReturn(Stubs.json(200, "{\"entries\":[{\"name\":\"a.txt\",\"directory\":false}]}")));
        sandboxes.stubFor(put(urlPathEqualTo("/sandboxes/sb-7/files")).willReturn(noContent()));

        String read = given().auth().oauth2(token).queryParam("path", "/workspace/a.txt")
                .when().get("/api/v1/conversations/" + id + "/files")
                .then().log().ifValidationFails().statusCode(200).contentType("application/octet-stream")
                .extract().asString();
        given().auth().oauth2(token).queryParam("path", "/workspace").queryParam("list", true)
                .when().get("/api/v1/conversations/" + id + "/files")
                .then().statusCode(200).body("entries[0].name", is("a.txt"));
        given().auth().oauth2(token).queryParam("path", "/workspace/b.txt").contentType("application/octet-stream")
                .body("new content".getBytes(StandardCharsets.UTF_8))
                .when().put("/api/v1/conversations/" + id + "/files")
                .then().log().ifValidationFails().statusCode(204);

        assertThat(read).isEqualTo("hello");
        sandboxes.verify(putRequestedFor(urlPathEqualTo("/sandboxes/sb-7/files"))
                .withQueryParam("path", equalTo("/workspace/b.txt"))
                .andMatching(InternalCredentials.asUser(user))
                .withRequestBody(binaryEqualTo("new content".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void answersConflictForFilesOfAConversationWithoutSandbox() {
        UUID id = UUID.randomUUID();
        Stubs.ownedConversation(id, user, null);

        given().auth().oauth2(token).queryParam("path", "/workspace").when().get("/api/v1/conversations/" + id + "/files")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", is("https://gantry.dev/problems/no-sandbox"));
    }

    @Test
    void answersIntegrationsServiceNotAvailableForGitRoutesAndWebhooks() {
        given().auth().oauth2(token).when().get("/api/v1/git/repositories")
                .then().log().ifValidationFails()
                .statusCode(503).contentType("application/problem+json")
                .body("type", is("https://gantry.dev/problems/integrations-unavailable"))
                .body("detail", is("integrations service not available"));
        given().auth().oauth2(token).queryParam("repository", "acme/app").when().get("/api/v1/git/branches")
                .then().statusCode(503).body("detail", is("integrations service not available"));
        given().contentType(ContentType.JSON).header("X-GitHub-Event", "push").body("{\"ref\":\"refs/heads/main\"}")
                .when().post("/api/v1/webhooks/github")
                .then().statusCode(503).body("detail", is("integrations service not available"));
    }
}
