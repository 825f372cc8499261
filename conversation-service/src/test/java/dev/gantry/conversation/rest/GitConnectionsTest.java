package dev.gantry.conversation.rest;

import static dev.gantry.conversation.support.Api.as;
import static dev.gantry.conversation.support.Api.integrations;
import static dev.gantry.conversation.support.Api.internal;
import static dev.gantry.conversation.support.Api.newUser;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Git connections as the integrations-service stores them, a conversation's repository resolved against them, and
 * the credentials the agent-worker clones with.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = {@ResourceArg(name = "database", value = "gantry_conversations_test"),
                @ResourceArg(name = "jdbc", value = "true")})
class GitConnectionsTest {

    static final String TOKEN = "glpat-test-token-0123456789";

    /** Gives the user a secret holding a token and a connection to the host, as the integrations-service stores one. */
    static String connect(String user, String host) {
        String secret = "git-" + host.replaceAll("[^a-z0-9]", "-");
        as(user).body(Map.of("name", secret, "value", TOKEN)).post("/secrets").then().statusCode(201);
        Map<String, Object> connection = new HashMap<>(Map.of("provider", host.contains("gitlab") ? "gitlab" : "github",
                "host", host, "apiUrl", "https://api." + host, "gitUrl", "https://" + host, "tokenSecretName", secret,
                "login", "octocat"));
        return integrations().contentType(ContentType.JSON).body(connection)
                .put("/internal/users/" + user + "/git-connections").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void aConnectionIsKeptPerHostAndReplacedByTheNextOneToTheSameHost() {
        String user = newUser();
        connect(user, "github.com");
        integrations().contentType(ContentType.JSON).body(Map.of("provider", "github", "host", "github.com",
                        "apiUrl", "https://api.github.com", "gitUrl", "https://github.com", "tokenSecretName", "git-github-com",
                        "login", "octocat", "name", "The Octocat"))
                .put("/internal/users/" + user + "/git-connections").then().statusCode(200);

        integrations().get("/internal/users/" + user + "/git-connections").then().statusCode(200)
                .body("", hasSize(1)).body("[0].name", is("The Octocat")).body("[0].provider", is("github"));
    }

    @Test
    void aConnectionNamingAMissingSecretIsRefusedNamingTheField() {
        integrations().contentType(ContentType.JSON).body(Map.of("provider", "github", "host", "github.com",
                        "apiUrl", "https://api.github.com", "gitUrl", "https://github.com", "tokenSecretName", "nope",
                        "login", "octocat"))
                .put("/internal/users/" + newUser() + "/git-connections").then().statusCode(400)
                .body("errors[0].field", is("tokenSecretName"));
    }

    @Test
    void aRepositoryResolvesAgainstTheOwnersConnectionAndGivesTheWorkerItsCredentials() {
        String user = newUser();
        connect(user, "gitlab.example.com");
        String id = as(user).body(Map.of("repository", "https://gitlab.example.com/group/sub/api.git", "branch", "dev"))
                .post("/conversations").then().statusCode(201)
                .body("repository", is("group/sub/api")).body("repositoryHost", is("gitlab.example.com"))
                .body("pullRequests", empty())
                .extract().path("id");

        internal().get("/internal/conversations/" + id + "/git/credentials").then().statusCode(200)
                .body("cloneUrl", is("https://gitlab.example.com/group/sub/api.git"))
                .body("username", is("oauth2"))
                .body("token", is(TOKEN))
                .body("branch", is("dev"))
                .body("identity.login", is("octocat"))
                .body("identity.email", is("octocat@users.noreply.gitlab.example.com"));
    }

    @Test
    void aRepositoryThatIsNeitherOwnerNameNorAConnectedUrlIsRefusedNamingIt() {
        String user = newUser();
        connect(user, "github.com");
        for (String bad : new String[] {"just-a-name", "../../etc/passwd", "git@github.com:acme/api.git",
                "https://user:pw@github.com/acme/api", "ftp://github.com/acme/api"}) {
            as(user).body(Map.of("repository", bad)).post("/conversations").then().statusCode(400)
                    .body("errors[0].field", is("repository"));
        }
        as(user).body(Map.of("repository", "https://gitlab.com/acme/api")).post("/conversations").then().statusCode(400)
                .body("errors[0].field", is("repository")).body("errors[0].reason", containsString("no connection"));
    }

    @Test
    void aRepositoryWithNoConnectionAtAllIsRefusedNamingIt() {
        as(newUser()).body(Map.of("repository", "acme/api")).post("/conversations").then().statusCode(400)
                .body("errors[0].field", is("repository")).body("errors[0].reason", containsString("git connection"));
    }

    @Test
    void aBranchWithoutARepositoryIsRefused() {
        as(newUser()).body(Map.of("branch", "main")).post("/conversations").then().statusCode(400)
                .body("errors[0].field", is("branch"));
    }

    @Test
    void thePullRequestsTheAgentOpenedAreKeptOnTheConversation() {
        String user = newUser();
        connect(user, "github.com");
        String id = as(user).body(Map.of("repository", "acme/api")).post("/conversations").then().statusCode(201)
                .extract().path("id");
        integrations().contentType(ContentType.JSON).body(Map.of("url", "https://github.com/acme/api/pull/7",
                        "number", 7, "sourceBranch", "fix", "targetBranch", "main", "draft", false))
                .post("/internal/conversations/" + id + "/pull-requests").then().statusCode(201);

        as(user).get("/conversations/" + id).then().statusCode(200)
                .body("pullRequests.url", contains("https://github.com/acme/api/pull/7"))
                .body("pullRequests[0].sourceBranch", is("fix"));
    }

    @Test
    void usersNeverReachTheInternalGitRoutesAndTheWorkerNeverWritesConnections() {
        String user = newUser();
        as(user).get("/internal/users/" + user + "/git-connections").then().statusCode(not(is(200)));
        as(user).get("/internal/users/" + user + "/secrets/x").then().statusCode(not(is(200)));
        internal().contentType(ContentType.JSON).body(Map.of("provider", "github"))
                .put("/internal/users/" + user + "/git-connections").then().statusCode(not(is(200)));
    }
}
