package dev.gantry.integrations.git;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.auth.TestCallers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The git routes against WireMock standing in for each provider, with the request and answer shapes of their
 * published REST references: GitHub (bearer token, vnd.github+json, Link paging, 403/429 rate limits), GitLab
 * (Link paging, merge requests), Bitbucket Cloud ({values, next} pages, pull requests).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(GitTestResource.class)
class GitProvidersTest {

    static final String USER = "alice";
    static final String TOKEN = "ghp_provider0token0123456789";

    WireMockServer store = GitTestResource.store();
    WireMockServer provider = GitTestResource.provider();

    @BeforeEach
    void reset() {
        store.resetAll();
        provider.resetAll();
        store.stubFor(get(urlPathEqualTo("/internal/users/" + USER + "/secrets/git-token"))
                .willReturn(okJson("{\"name\":\"git-token\",\"value\":\"" + TOKEN + "\"}")));
        store.stubFor(get(urlPathEqualTo("/internal/users/" + USER + "/secrets/missing"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://gantry.dev/problems/not-found\",\"status\":404}")));
        store.stubFor(put(urlPathEqualTo("/internal/users/" + USER + "/git-connections"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template").withBody("{{{request.body}}}")));
    }

    // ---- connections

    @Test
    void aGitHubConnectionIsCheckedWithTheCurrentUserRouteAndStoredWithItsIdentity() {
        provider.stubFor(get(urlPathEqualTo("/user")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .willReturn(okJson("{\"login\":\"octocat\",\"id\":1,\"name\":\"The Octocat\",\"email\":\"octocat@github.com\"}")));

        connect("github", "ghe.example.com").statusCode(201)
                .body("login", is("octocat")).body("name", is("The Octocat"));

        store.verify(putRequestedFor(urlPathEqualTo("/internal/users/" + USER + "/git-connections"))
                .withRequestBody(matchingJsonPath("$.host", equalTo("ghe.example.com")))
                .withRequestBody(matchingJsonPath("$.tokenSecretName", equalTo("git-token")))
                .withRequestBody(matchingJsonPath("$.email", equalTo("octocat@github.com")))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining(TOKEN)));
    }

    @Test
    void aTokenTheProviderRefusesIsA400NamingTheSecretWithTheProvidersReason() {
        provider.stubFor(get(urlPathEqualTo("/user")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\"}")));

        connect("github", "ghe.example.com").statusCode(400).contentType("application/problem+json")
                .body("type", is("https://gantry.dev/problems/git-token-rejected"))
                .body("errors[0].field", is("tokenSecretName"))
                .body("detail", containsString("Bad credentials"))
                .body(not(containsString(TOKEN)));
        store.verify(0, putRequestedFor(urlPathEqualTo("/internal/users/" + USER + "/git-connections")));
    }

    @Test
    void aSecretThatDoesNotExistAndAnUnknownProviderAreNamed() {
        as().body(Map.of("provider", "github", "host", "ghe.example.com", "apiUrl", provider.baseUrl(),
                "tokenSecretName", "missing")).post("/git/connections").then().statusCode(400)
                .body("errors[0].field", is("tokenSecretName"));
        as().body(Map.of("provider", "sourceforge", "tokenSecretName", "git-token")).post("/git/connections").then()
                .statusCode(400).body("errors[0].field", is("provider"));
        as().body(Map.of("provider", "github", "host", "https://github.com/x", "tokenSecretName", "git-token"))
                .post("/git/connections").then().statusCode(400).body("errors[0].field", is("host"));
    }

    // ---- GitHub lists

    @Test
    void gitHubRepositoriesArePagedByTheLinkHeaderBehindAnOpaquePageId() {
        storeConnection("github");
        String next = provider.baseUrl() + "/user/repos?sort=updated&per_page=2&page=2";
        provider.stubFor(get(urlPathEqualTo("/user/repos")).withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(okJson("[{\"full_name\":\"acme/api\",\"default_branch\":\"main\",\"private\":true,"
                        + "\"html_url\":\"https://github.com/acme/api\"},{\"full_name\":\"acme/web\",\"default_branch\":\"trunk\","
                        + "\"private\":false,\"html_url\":\"https://github.com/acme/web\"}]")
                        .withHeader("Link", "<" + next + ">; rel=\"next\", <" + next.replace("page=2", "page=3") + ">; rel=\"last\"")));
        provider.stubFor(get(urlPathEqualTo("/user/repos")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson("[{\"full_name\":\"acme/cli\",\"default_branch\":\"main\",\"private\":false}]")));

        String pageId = as().queryParam("limit", 2).get("/git/repositories").then().statusCode(200)
                .body("items.fullName", contains("acme/api", "acme/web"))
                .body("items[1].defaultBranch", is("trunk"))
                .body("nextPageId", notNullValue())
                .extract().path("nextPageId");
        as().queryParam("pageId", pageId).get("/git/repositories").then().statusCode(200)
                .body("items.fullName", contains("acme/cli")).body("nextPageId", nullValue());
    }

    @Test
    void aPageIdThatPointsAnywhereButTheConnectionsApiIsRefused() {
        storeConnection("github");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("http://169.254.169.254/latest".getBytes());
        as().queryParam("pageId", forged).get("/git/repositories").then().statusCode(400)
                .body("errors[0].field", is("pageId"));
        provider.verify(0, getRequestedFor(urlPathEqualTo("/latest")));
    }

    @Test
    void aRateLimitedProviderIsTriedAgainAfterItsRetryAfter() {
        storeConnection("github");
        provider.stubFor(get(urlPathEqualTo("/repos/acme/api/branches")).inScenario("limited")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("x-ratelimit-remaining", "0")
                        .withHeader("Retry-After", "0").withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"API rate limit exceeded\"}"))
                .willSetStateTo("second"));
        provider.stubFor(get(urlPathEqualTo("/repos/acme/api/branches")).inScenario("limited").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")).willSetStateTo("ok"));
        provider.stubFor(get(urlPathEqualTo("/repos/acme/api/branches")).inScenario("limited").whenScenarioStateIs("ok")
                .willReturn(okJson("[{\"name\":\"main\",\"commit\":{\"sha\":\"abc123\"},\"protected\":true}]")));

        as().queryParam("repository", "acme/api").get("/git/branches").then().statusCode(200)
                .body("items[0].name", is("main")).body("items[0].commit", is("abc123")).body("items[0].isProtected", is(true));
    }

    @Test
    void aProviderThatStaysRateLimitedIsA502AfterEveryTry() {
        storeConnection("github");
        provider.stubFor(get(urlPathEqualTo("/user")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));

        as().get("/git/user").then().statusCode(502).body("type", is("https://gantry.dev/problems/git-provider-unavailable"))
                .body("detail", containsString("after 4 tries"));
        provider.verify(4, getRequestedFor(urlPathEqualTo("/user")));
    }

    @Test
    void aRepositoryTheTokenCannotSeeIs404() {
        storeConnection("github");
        provider.stubFor(get(urlPathEqualTo("/repos/acme/secret/branches")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Not Found\"}")));
        as().queryParam("repository", "acme/secret").get("/git/branches").then().statusCode(404);
    }

    @Test
    void gitHubBranchSearchUsesMatchingRefs() {
        storeConnection("github");
        provider.stubFor(get(urlPathEqualTo("/repos/acme/api/git/matching-refs/heads/fe"))
                .willReturn(okJson("[{\"ref\":\"refs/heads/feature\",\"object\":{\"sha\":\"f00\"}}]")));
        as().queryParam("repository", "acme/api").queryParam("query", "fe").get("/git/branches").then().statusCode(200)
                .body("items.name", contains("feature"));
    }

    // ---- GitLab

    @Test
    void gitLabProjectsAndTheirSearchArePagedByItsLinkHeader() {
        storeConnection("gitlab");
        String next = provider.baseUrl() + "/projects?membership=true&page=2";
        provider.stubFor(get(urlPathEqualTo("/projects")).withQueryParam("search", equalTo("api"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("[{\"path_with_namespace\":\"group/sub/api\",\"default_branch\":\"main\","
                        + "\"visibility\":\"private\",\"web_url\":\"https://gitlab.example.com/group/sub/api\"}]")
                        .withHeader("Link", "<" + next + ">; rel=\"next\"").withHeader("X-Next-Page", "2")));
        as().queryParam("query", "api").get("/git/repositories").then().statusCode(200)
                .body("items[0].fullName", is("group/sub/api")).body("items[0].isPrivate", is(true))
                .body("nextPageId", notNullValue());
    }

    @Test
    void aGitLabIdentityPrefersTheCommitEmail() {
        provider.stubFor(get(urlPathEqualTo("/user")).willReturn(okJson(
                "{\"id\":1,\"username\":\"ada\",\"name\":\"Ada\",\"email\":\"ada@private.example\",\"commit_email\":\"ada@commits.example\"}")));
        connect("gitlab", "gitlab.example.com").statusCode(201).body("login", is("ada")).body("email", is("ada@commits.example"));
    }

    // ---- Bitbucket

    @Test
    void bitbucketRepositoriesFollowTheNextUrlOfItsPages() {
        storeConnection("bitbucket");
        String next = provider.baseUrl() + "/repositories?role=member&page=2";
        provider.stubFor(get(urlPathEqualTo("/repositories")).withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(okJson("{\"pagelen\":1,\"values\":[{\"full_name\":\"ws/app\",\"is_private\":true,"
                        + "\"mainbranch\":{\"name\":\"develop\"},\"links\":{\"html\":{\"href\":\"https://bitbucket.org/ws/app\"}}}],"
                        + "\"next\":\"" + next + "\"}")));
        provider.stubFor(get(urlPathEqualTo("/repositories")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson("{\"pagelen\":1,\"values\":[{\"full_name\":\"ws/lib\",\"is_private\":false}]}")));

        String pageId = as().get("/git/repositories").then().statusCode(200)
                .body("items[0].fullName", is("ws/app")).body("items[0].defaultBranch", is("develop"))
                .extract().path("nextPageId");
        as().queryParam("pageId", pageId).get("/git/repositories").then().statusCode(200)
                .body("items[0].fullName", is("ws/lib")).body("nextPageId", nullValue());
    }

    @Test
    void aBitbucketIdentityTakesThePrimaryEmailWhenTheTokenMayReadIt() {
        provider.stubFor(get(urlPathEqualTo("/user")).willReturn(okJson(
                "{\"username\":\"ada\",\"display_name\":\"Ada Lovelace\",\"account_id\":\"x\"}")));
        provider.stubFor(get(urlPathEqualTo("/user/emails")).willReturn(okJson(
                "{\"values\":[{\"email\":\"old@example.com\",\"is_primary\":false},{\"email\":\"ada@example.com\",\"is_primary\":true}]}")));
        connect("bitbucket", "bitbucket.org").statusCode(201).body("login", is("ada")).body("email", is("ada@example.com"));
    }

    // ---- pull requests

    @Test
    void theAgentsPullRequestIsOpenedOnGitHubAndRecordedOnTheConversation() {
        UUID conversation = UUID.randomUUID();
        stubCredentials(conversation, "github");
        provider.stubFor(get(urlPathEqualTo("/repos/acme/api")).willReturn(okJson("{\"default_branch\":\"main\"}")));
        provider.stubFor(post(urlPathEqualTo("/repos/acme/api/pulls"))
                .withRequestBody(equalToJson("{\"title\":\"Fix the build\",\"body\":\"Why\",\"head\":\"fix\",\"base\":\"main\",\"draft\":true}"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"number\":7,\"html_url\":\"https://github.com/acme/api/pull/7\"}")));
        store.stubFor(post(urlPathEqualTo("/internal/conversations/" + conversation + "/pull-requests"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{}")));

        worker().body(Map.of("title", "Fix the build", "body", "Why", "sourceBranch", "fix", "draft", true))
                .post("/internal/conversations/" + conversation + "/pull-requests").then().statusCode(201)
                .body("url", is("https://github.com/acme/api/pull/7")).body("number", is(7)).body("targetBranch", is("main"));
        store.verify(postRequestedFor(urlPathEqualTo("/internal/conversations/" + conversation + "/pull-requests"))
                .withRequestBody(matchingJsonPath("$.url", equalTo("https://github.com/acme/api/pull/7"))));
    }

    @Test
    void aPullRequestTheProviderRefusesTellsTheAgentWhy() {
        UUID conversation = UUID.randomUUID();
        stubCredentials(conversation, "github");
        provider.stubFor(post(urlPathEqualTo("/repos/acme/api/pulls")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Validation Failed\",\"errors\":"
                        + "[{\"resource\":\"PullRequest\",\"code\":\"custom\",\"message\":\"No commits between main and fix\"}]}")));

        worker().body(Map.of("title", "Fix", "sourceBranch", "fix", "targetBranch", "main"))
                .post("/internal/conversations/" + conversation + "/pull-requests").then().statusCode(400)
                .body("detail", containsString("No commits between main and fix"));
    }

    @Test
    void aGitLabMergeRequestIsADraftByItsTitle() {
        UUID conversation = UUID.randomUUID();
        stubCredentials(conversation, "gitlab");
        provider.stubFor(post(urlPathEqualTo("/projects/acme%2Fapi/merge_requests"))
                .withRequestBody(matchingJsonPath("$.title", equalTo("Draft: Fix")))
                .withRequestBody(matchingJsonPath("$.source_branch", equalTo("fix")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"iid\":3,\"web_url\":\"https://gitlab.example.com/acme/api/-/merge_requests/3\"}")));
        store.stubFor(post(urlPathEqualTo("/internal/conversations/" + conversation + "/pull-requests"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{}")));

        worker().body(Map.of("title", "Fix", "sourceBranch", "fix", "targetBranch", "main", "draft", true))
                .post("/internal/conversations/" + conversation + "/pull-requests").then().statusCode(201)
                .body("number", is(3));
    }

    @Test
    void aPullRequestWithoutATitleOrBranchIsRefusedNamingTheField() {
        worker().body(Map.of("sourceBranch", "fix")).post("/internal/conversations/" + UUID.randomUUID() + "/pull-requests")
                .then().statusCode(400).body("errors[0].field", is("title"));
        worker().body(Map.of("title", "x", "sourceBranch", "--upload-pack=evil"))
                .post("/internal/conversations/" + UUID.randomUUID() + "/pull-requests")
                .then().statusCode(400).body("errors[0].field", is("sourceBranch"));
    }

    @Test
    void aBitbucketPullRequestNamesItsBranches() {
        UUID conversation = UUID.randomUUID();
        stubCredentials(conversation, "bitbucket");
        provider.stubFor(post(urlPathEqualTo("/repositories/acme/api/pullrequests"))
                .withRequestBody(matchingJsonPath("$.source.branch.name", equalTo("fix")))
                .withRequestBody(matchingJsonPath("$.destination.branch.name", equalTo("main")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":12,\"links\":{\"html\":{\"href\":\"https://bitbucket.org/acme/api/pull-requests/12\"}}}")));
        store.stubFor(post(urlPathEqualTo("/internal/conversations/" + conversation + "/pull-requests"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{}")));

        worker().body(Map.of("title", "Fix", "sourceBranch", "fix", "targetBranch", "main"))
                .post("/internal/conversations/" + conversation + "/pull-requests").then().statusCode(201)
                .body("url", is("https://bitbucket.org/acme/api/pull-requests/12"));
    }

    // ---- helpers

    private io.restassured.response.ValidatableResponse connect(String provider, String host) {
        return as().body(Map.of("provider", provider, "host", host, "apiUrl", this.provider.baseUrl(),
                "tokenSecretName", "git-token")).post("/git/connections").then();
    }

    private void storeConnection(String providerName) {
        store.stubFor(get(urlPathEqualTo("/internal/users/" + USER + "/git-connections")).willReturn(okJson(
                "[{\"id\":\"" + UUID.randomUUID() + "\",\"provider\":\"" + providerName + "\",\"host\":\"git.example.com\","
                        + "\"apiUrl\":\"" + provider.baseUrl() + "\",\"gitUrl\":\"https://git.example.com\","
                        + "\"tokenSecretName\":\"git-token\",\"login\":\"octocat\"}]")));
    }

    private void stubCredentials(UUID conversation, String providerName) {
        store.stubFor(get(urlPathEqualTo("/internal/conversations/" + conversation + "/git/credentials")).willReturn(okJson(
                "{\"provider\":\"" + providerName + "\",\"host\":\"git.example.com\",\"repository\":\"acme/api\","
                        + "\"apiUrl\":\"" + provider.baseUrl() + "\",\"cloneUrl\":\"https://git.example.com/acme/api.git\","
                        + "\"username\":\"x\",\"token\":\"" + TOKEN + "\"}")));
    }

    private static RequestSpecification as() {
        return given().header(InternalHeaders.AUTHORIZATION, TestCallers.authorization(USER)).contentType(ContentType.JSON);
    }

    private static RequestSpecification worker() {
        return given().header(InternalHeaders.SERVICE_TOKEN, TestCallers.AGENT_WORKER_TOKEN).contentType(ContentType.JSON);
    }
}
