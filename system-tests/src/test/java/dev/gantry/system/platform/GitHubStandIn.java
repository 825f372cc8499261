package dev.gantry.system.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * GitHub's REST API for the system tests (WireMock, the one stand-in they use): the routes Gantry calls, answered
 * with the shapes GitHub's REST reference documents for them, for requests carrying {@code Bearer <token>}; any other
 * request gets GitHub's 401 "Bad credentials". The repositories themselves live on the platform's real git server.
 * A pull request's title and body are echoed as sent: keep them to one line without quotes.
 */
public final class GitHubStandIn implements AutoCloseable {

    private static final String JSON = "application/json; charset=utf-8";

    private final WireMockServer server;
    private final String token;

    private GitHubStandIn(String token) {
        this.token = token;
        this.server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", JSON)
                .withBody("{\"message\": \"Bad credentials\", \"documentation_url\": \"https://docs.github.com/rest\","
                        + " \"status\": \"401\"}")));
    }

    /** A stand-in answering for {@code token}. */
    public static GitHubStandIn start(String token) {
        return new GitHubStandIn(token);
    }

    /** Where a connection's {@code apiUrl} points: GitHub's {@code https://api.github.com}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** {@code GET /user}: the token's account ("Get the authenticated user"). */
    public GitHubStandIn user(String login, String name, String email) {
        server.stubFor(get(urlEqualTo("/user")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(json(200, """
                        {"login": "%1$s", "id": 583231, "node_id": "MDQ6VXNlcjU4MzIzMQ==",
                         "avatar_url": "https://avatars.githubusercontent.com/u/583231?v=4", "gravatar_id": "",
                         "url": "https://api.github.com/users/%1$s", "html_url": "https://github.com/%1$s",
                         "type": "User", "site_admin": false, "name": "%2$s", "company": null, "blog": "",
                         "location": null, "email": "%3$s", "hireable": null, "bio": null, "public_repos": 8,
                         "followers": 0, "following": 0, "created_at": "2011-01-25T18:44:36Z",
                         "updated_at": "2026-11-02T09:12:40Z"}""".formatted(login, name, email))));
        return this;
    }

    /**
     * {@code GET /user/repos}: the given repositories ("List repositories for the authenticated user"), one page of
     * {@code perPage} at a time with GitHub's {@code Link} header naming the next.
     */
    public GitHubStandIn repositories(List<String> fullNames, int perPage) {
        int pages = Math.max(1, (fullNames.size() + perPage - 1) / perPage);
        for (int page = 1; page <= pages; page++) {
            List<String> items = new ArrayList<>();
            for (String fullName : fullNames.subList((page - 1) * perPage, Math.min(fullNames.size(), page * perPage))) {
                items.add(repository(fullName));
            }
            var response = json(200, "[" + String.join(",", items) + "]");
            if (page < pages) {
                response.withHeader("Link", "<" + apiUrl() + "/user/repos?per_page=" + perPage + "&page=" + (page + 1)
                        + ">; rel=\"next\", <" + apiUrl() + "/user/repos?per_page=" + perPage + "&page=" + pages
                        + ">; rel=\"last\"");
            }
            var request = get(urlPathEqualTo("/user/repos")).withHeader("Authorization", equalTo("Bearer " + token));
            request = page == 1 ? request.withQueryParam("sort", equalTo("updated"))
                    : request.withQueryParam("page", equalTo(Integer.toString(page)));
            server.stubFor(request.atPriority(page == 1 ? 5 : 1).willReturn(response));
        }
        return this;
    }

    /**
     * {@code POST /repos/{owner}/{repo}/pulls} answers 201 with the pull request {@code number} ("Create a pull
     * request"), its title, head, base and draft flag as requested.
     */
    public GitHubStandIn pullRequests(String repository, int number) {
        String api = "https://api.github.com/repos/" + repository + "/pulls/" + number;
        server.stubFor(post(urlEqualTo("/repos/" + repository + "/pulls"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(json(201, """
                        {"url": "%1$s", "id": 1824079411, "node_id": "PR_kwDOKAsRjM5su4Yz",
                         "html_url": "%2$s", "diff_url": "%2$s.diff", "patch_url": "%2$s.patch",
                         "issue_url": "https://api.github.com/repos/%3$s/issues/%4$d", "number": %4$d,
                         "state": "open", "locked": false, "title": "{{{jsonPath request.body '$.title'}}}",
                         "user": {"login": "octocat", "id": 583231, "type": "User", "site_admin": false},
                         "body": "{{{jsonPath request.body '$.body'}}}", "created_at": "2026-12-05T10:00:00Z",
                         "updated_at": "2026-12-05T10:00:00Z", "closed_at": null, "merged_at": null,
                         "merge_commit_sha": null, "assignees": [], "requested_reviewers": [], "labels": [],
                         "head": {"label": "%5$s:{{jsonPath request.body '$.head'}}",
                                  "ref": "{{jsonPath request.body '$.head'}}", "sha": "0000000000000000000000000000000000000000"},
                         "base": {"label": "%5$s:{{jsonPath request.body '$.base'}}",
                                  "ref": "{{jsonPath request.body '$.base'}}", "sha": "0000000000000000000000000000000000000000"},
                         "author_association": "OWNER", "draft": {{jsonPath request.body '$.draft'}}, "merged": false,
                         "mergeable": null, "comments": 0, "commits": 1, "additions": 1, "deletions": 1,
                         "changed_files": 1}""".formatted(api, "https://github.com/" + repository + "/pull/" + number,
                        repository, number, repository.substring(0, repository.indexOf('/'))))
                        .withHeader("Location", api).withTransformers("response-template")));
        return this;
    }

    /**
     * {@code GET /repos/{owner}/{repo}/issues/{number}/comments} answers none ("List issue comments"), and
     * {@code POST} to it 201 with the comment ("Create an issue comment"), its body as sent.
     */
    public GitHubStandIn issueComments(String repository, int number) {
        String path = "/repos/" + repository + "/issues/" + number + "/comments";
        server.stubFor(get(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(json(200, "[]")));
        server.stubFor(post(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(json(201, """
                        {"id": 1081119451, "node_id": "IC_kwDOKAsRjM5AcLvb",
                         "html_url": "https://github.com/%1$s/issues/%2$d#issuecomment-1081119451",
                         "user": {"login": "octocat", "id": 583231, "type": "User"},
                         "created_at": "2026-12-05T10:00:00Z", "updated_at": "2026-12-05T10:00:00Z",
                         "author_association": "OWNER"}""".formatted(repository, number))));
        return this;
    }

    /** The comments the stand-in was asked to post on issue {@code number} of {@code repository}, in order. */
    public List<LoggedRequest> commentsReceived(String repository, int number) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/repos/" + repository + "/issues/" + number + "/comments")));
    }

    /** The pull requests the stand-in was asked to open on {@code repository}. */
    public List<LoggedRequest> pullRequestsReceived(String repository) {
        return server.findAll(postRequestedFor(urlEqualTo("/repos/" + repository + "/pulls")));
    }

    /** Every request the stand-in received. */
    public List<LoggedRequest> requests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
    }

    /** The URL of the pull request {@code number} of {@code repository}, as GitHub answers it ({@code html_url}). */
    public static String pullRequestUrl(String repository, int number) {
        return "https://github.com/" + repository + "/pull/" + number;
    }

    private String repository(String fullName) {
        String owner = fullName.substring(0, fullName.indexOf('/'));
        String name = fullName.substring(fullName.indexOf('/') + 1);
        return """
                {"id": %d, "node_id": "R_kgDOKAsRjA", "name": "%s", "full_name": "%s",
                 "owner": {"login": "%s", "id": 583231, "type": "User", "site_admin": false},
                 "private": true, "html_url": "https://github.com/%3$s", "description": null, "fork": false,
                 "url": "https://api.github.com/repos/%3$s", "clone_url": "https://github.com/%3$s.git",
                 "default_branch": "main", "visibility": "private", "pushed_at": "2026-12-01T08:00:00Z",
                 "created_at": "2026-01-10T08:00:00Z", "updated_at": "2026-12-01T08:00:00Z",
                 "permissions": {"admin": true, "maintain": true, "push": true, "triage": true, "pull": true}}"""
                .formatted(Math.abs(fullName.hashCode()), name, fullName, owner);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", JSON)
                .withHeader("X-GitHub-Api-Version-Selected", "2022-11-28").withBody(body);
    }

    @Override
    public void close() {
        server.stop();
    }
}
