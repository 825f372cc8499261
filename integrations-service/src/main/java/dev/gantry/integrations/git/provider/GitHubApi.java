package dev.gantry.integrations.git.provider;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GitHub's REST API (github.com at api.github.com, Enterprise Server under {@code /api/v3}), as its reference
 * documents it: bearer token, {@code application/vnd.github+json}, API version 2022-11-28, pages by {@code Link}.
 */
@Singleton
public final class GitHubApi implements GitProviderApi {

    private static final String NAME = "GitHub";
    private final ProviderHttp http;

    GitHubApi(ProviderHttp http) {
        this.http = http;
    }

    @Override
    public GitIdentity identity(ProviderAccess access) {
        JsonNode user = http.get(NAME, access.apiUrl() + "/user", headers(access)).body();
        return new GitIdentity(user.path("login").asText(), text(user, "name"), text(user, "email"));
    }

    @Override
    public Listing<RepositorySummary> repositories(ProviderAccess access, String query, int limit, String pageUrl) {
        String url;
        if (pageUrl != null) {
            url = pageUrl;
        } else if (query == null) {
            url = access.apiUrl() + "/user/repos?sort=updated&affiliation=owner,collaborator,organization_member&per_page=" + limit;
        } else {
            // search finds the user's own repositories by name; the list route has no filter
            String login = identity(access).login();
            url = access.apiUrl() + "/search/repositories?per_page=" + limit + "&q="
                    + enc(query + " in:name user:" + login + " fork:true");
        }
        ProviderHttp.Answer answer = http.get(NAME, url, headers(access));
        JsonNode items = answer.body().isArray() ? answer.body() : answer.body().path("items");
        List<RepositorySummary> repositories = new ArrayList<>();
        for (JsonNode repo : items) {
            repositories.add(new RepositorySummary(repo.path("full_name").asText(), text(repo, "default_branch"),
                    repo.path("private").asBoolean(), text(repo, "html_url")));
        }
        return new Listing<>(repositories, LinkHeader.next(answer.header("Link")).orElse(null));
    }

    @Override
    public Listing<BranchSummary> branches(ProviderAccess access, String repository, String query, int limit, String pageUrl) {
        List<BranchSummary> branches = new ArrayList<>();
        if (query != null && pageUrl == null) {
            // branch names starting with the query: the matching-refs route
            ProviderHttp.Answer answer = http.get(NAME, access.apiUrl() + "/repos/" + repository
                    + "/git/matching-refs/heads/" + enc(query), headers(access));
            for (JsonNode ref : answer.body()) {
                if (branches.size() < limit) {
                    branches.add(new BranchSummary(ref.path("ref").asText().replaceFirst("^refs/heads/", ""),
                            ref.path("object").path("sha").asText(), false));
                }
            }
            return new Listing<>(branches, null);
        }
        String url = pageUrl != null ? pageUrl : access.apiUrl() + "/repos/" + repository + "/branches?per_page=" + limit;
        ProviderHttp.Answer answer = http.get(NAME, url, headers(access));
        for (JsonNode branch : answer.body()) {
            branches.add(new BranchSummary(branch.path("name").asText(), branch.path("commit").path("sha").asText(),
                    branch.path("protected").asBoolean()));
        }
        return new Listing<>(branches, LinkHeader.next(answer.header("Link")).orElse(null));
    }

    @Override
    public String defaultBranch(ProviderAccess access, String repository) {
        return http.get(NAME, access.apiUrl() + "/repos/" + repository, headers(access)).body().path("default_branch").asText();
    }

    @Override
    public OpenedPullRequest openPullRequest(ProviderAccess access, String repository, PullRequestDraft draft) {
        JsonNode pull = http.post(NAME, access.apiUrl() + "/repos/" + repository + "/pulls", headers(access), Map.of(
                "title", draft.title(), "body", draft.body() == null ? "" : draft.body(), "head", draft.sourceBranch(),
                "base", draft.targetBranch(), "draft", draft.draft())).body();
        return new OpenedPullRequest(pull.path("html_url").asText(), pull.path("number").asLong());
    }

    /** Pull requests are issues to GitHub's comment routes. */
    @Override
    public List<ItemComment> comments(ProviderAccess access, String repository, ItemRef item) {
        List<ItemComment> comments = new ArrayList<>();
        for (JsonNode comment : http.get(NAME, access.apiUrl() + "/repos/" + repository + "/issues/" + item.number()
                + "/comments?per_page=100", headers(access)).body()) {
            comments.add(new ItemComment(comment.path("user").path("login").asText(), comment.path("body").asText("")));
        }
        return comments;
    }

    @Override
    public void comment(ProviderAccess access, String repository, ItemRef item, String body) {
        http.post(NAME, access.apiUrl() + "/repos/" + repository + "/issues/" + item.number() + "/comments",
                headers(access), Map.of("body", body));
    }

    @Override
    public String pullRequestBranch(ProviderAccess access, String repository, long number) {
        return http.get(NAME, access.apiUrl() + "/repos/" + repository + "/pulls/" + number, headers(access)).body()
                .path("head").path("ref").asText();
    }

    private static Map<String, String> headers(ProviderAccess access) {
        return Map.of("Authorization", "Bearer " + access.token(), "Accept", "application/vnd.github+json",
                "X-GitHub-Api-Version", "2022-11-28");
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
