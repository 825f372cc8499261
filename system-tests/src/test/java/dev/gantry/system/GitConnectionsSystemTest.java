package dev.gantry.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.gantry.system.platform.GitHubStandIn;
import dev.gantry.system.platform.Platform;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user's git connection through the public API, the gateway, the integrations-service and on to the provider
 * (GitHub's REST API stood in by WireMock): the token checked with the provider before the connection is kept, the
 * connected identity, the provider's pages of repositories as Gantry's.
 */
class GitConnectionsSystemTest {

    static GitHubStandIn github;

    @BeforeAll
    static void gitHub() {
        github = GitHubStandIn.start(Platform.get().gitToken()).user("octocat", "Mona Octocat", "mona@example.com")
                .repositories(List.of("octocat/api", "octocat/web", "acme/tools"), 2);
    }

    @AfterAll
    static void stopGitHub() {
        github.close();
    }

    @Test
    void aConnectedUserPagesThroughTheRepositoriesTheProviderLists() {
        TestUser user = TestUser.create("git");
        user.connectGitHub(github.apiUrl(), Platform.get().gitToken());

        JsonPath first = user.api.request().queryParam("limit", 2).get("/api/v1/git/repositories")
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.fullName")).containsExactly("octocat/api", "octocat/web");
        assertThat(first.getString("items[0].defaultBranch")).isEqualTo("main");
        assertThat(first.getBoolean("items[0].isPrivate")).isTrue();
        assertThat(first.getString("items[0].webUrl")).isEqualTo("https://github.com/octocat/api");
        assertThat(first.getString("nextPageId")).isNotBlank();

        JsonPath second = user.api.request().queryParam("limit", 2).queryParam("pageId", first.getString("nextPageId"))
                .get("/api/v1/git/repositories").then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items.fullName")).containsExactly("acme/tools");
        assertThat(second.getString("nextPageId")).isNull();

        user.api.request().get("/api/v1/git/user").then().statusCode(200)
                .body("login", is("octocat")).body("name", is("Mona Octocat")).body("email", is("mona@example.com"));
    }

    @Test
    void aTokenTheProviderRefusesIsAProblemNamingTheSecretAndNoConnectionIsKept() {
        TestUser user = TestUser.create("git");
        user.api.request().body(Map.of("name", "github", "value", "ghp_not-a-token-github-knows"))
                .post("/api/v1/secrets").then().statusCode(201);

        user.api.request().body(Map.of("provider", "github", "apiUrl", github.apiUrl(), "tokenSecretName", "github"))
                .post("/api/v1/git/connections").then().statusCode(400).contentType("application/problem+json")
                .body("type", containsString("git-token-rejected"))
                .body("errors[0].field", is("tokenSecretName"))
                .body("detail", containsString("Bad credentials"))
                .body("detail", org.hamcrest.Matchers.not(containsString("ghp_not-a-token-github-knows")));
        assertThat(user.api.request().get("/api/v1/git/connections").then().statusCode(200).extract().jsonPath()
                .getList("$")).isEmpty();
    }
}
