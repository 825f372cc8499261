package dev.gantry.integrations.git.provider;

import static dev.gantry.integrations.git.provider.GitHubApi.enc;
import static dev.gantry.integrations.git.provider.GitHubApi.text;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bitbucket Cloud's REST API 2.0, as its reference documents it: bearer token (an access token or OAuth),
 * paginated answers {@code {values, next}}, filters in the {@code q} query language.
 */
@Singleton
public final class BitbucketApi implements GitProviderApi {

    private static final String NAME = "Bitbucket";
    private final ProviderHttp http;

    BitbucketApi(ProviderHttp http) {
        this.http = http;
    }

    @Override
    public GitIdentity identity(ProviderAccess access) {
        JsonNode user = http.get(NAME, access.apiUrl() + "/user", headers(access)).body();
        String email = null;
        try {
            for (JsonNode address : http.get(NAME, access.apiUrl() + "/user/emails", headers(access)).body().path("values")) {
                if (address.path("is_primary").asBoolean()) {
                    email = text(address, "email");
                }
            }
        } catch (GitProviderException e) {
            // a token without the email scope still identifies its user
            if (e.kind() == GitProviderException.Kind.UNAVAILABLE) {
                throw e;
            }
        }
        return new GitIdentity(user.path("username").asText(user.path("nickname").asText()), text(user, "display_name"),
                email);
    }

    @Override
    public Listing<RepositorySummary> repositories(ProviderAccess access, String query, int limit, String pageUrl) {
        String url = pageUrl != null ? pageUrl : access.apiUrl() + "/repositories?role=member&sort=-updated_on&pagelen="
                + limit + (query == null ? "" : "&q=" + enc("name ~ \"" + quoted(query) + "\""));
        JsonNode page = http.get(NAME, url, headers(access)).body();
        List<RepositorySummary> repositories = new ArrayList<>();
        for (JsonNode repo : page.path("values")) {
            repositories.add(new RepositorySummary(repo.path("full_name").asText(), text(repo.path("mainbranch"), "name"),
                    repo.path("is_private").asBoolean(), text(repo.path("links").path("html"), "href")));
        }
        return new Listing<>(repositories, text(page, "next"));
    }

    @Override
    public Listing<BranchSummary> branches(ProviderAccess access, String repository, String query, int limit, String pageUrl) {
        String url = pageUrl != null ? pageUrl : access.apiUrl() + "/repositories/" + repository + "/refs/branches?pagelen="
                + limit + (query == null ? "" : "&q=" + enc("name ~ \"" + quoted(query) + "\""));
        JsonNode page = http.get(NAME, url, headers(access)).body();
        List<BranchSummary> branches = new ArrayList<>();
        for (JsonNode branch : page.path("values")) {
            branches.add(new BranchSummary(branch.path("name").asText(), branch.path("target").path("hash").asText(), false));
        }
        return new Listing<>(branches, text(page, "next"));
    }

    @Override
    public String defaultBranch(ProviderAccess access, String repository) {
        return http.get(NAME, access.apiUrl() + "/repositories/" + repository, headers(access)).body()
                .path("mainbranch").path("name").asText();
    }

    @Override
    public OpenedPullRequest openPullRequest(ProviderAccess access, String repository, PullRequestDraft draft) {
        JsonNode pull = http.post(NAME, access.apiUrl() + "/repositories/" + repository + "/pullrequests", headers(access),
                Map.of("title", draft.title(), "description", draft.body() == null ? "" : draft.body(),
                        "source", Map.of("branch", Map.of("name", draft.sourceBranch())),
                        "destination", Map.of("branch", Map.of("name", draft.targetBranch())),
                        "draft", draft.draft())).body();
        return new OpenedPullRequest(pull.path("links").path("html").path("href").asText(), pull.path("id").asLong());
    }

    @Override
    public List<ItemComment> comments(ProviderAccess access, String repository, ItemRef item) {
        List<ItemComment> comments = new ArrayList<>();
        for (JsonNode comment : http.get(NAME, item(access, repository, item) + "/comments?pagelen=100", headers(access))
                .body().path("values")) {
            if (!comment.path("deleted").asBoolean()) {
                comments.add(new ItemComment(comment.path("user").path("display_name").asText(),
                        comment.path("content").path("raw").asText("")));
            }
        }
        return comments;
    }

    @Override
    public void comment(ProviderAccess access, String repository, ItemRef item, String body) {
        http.post(NAME, item(access, repository, item) + "/comments", headers(access), Map.of("content", Map.of("raw", body)));
    }

    @Override
    public String pullRequestBranch(ProviderAccess access, String repository, long number) {
        return http.get(NAME, access.apiUrl() + "/repositories/" + repository + "/pullrequests/" + number, headers(access))
                .body().path("source").path("branch").path("name").asText();
    }

    private static String item(ProviderAccess access, String repository, ItemRef item) {
        return access.apiUrl() + "/repositories/" + repository + (item.pullRequest() ? "/pullrequests/" : "/issues/")
                + item.number();
    }

    private static String quoted(String query) {
        return query.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static Map<String, String> headers(ProviderAccess access) {
        return Map.of("Authorization", "Bearer " + access.token());
    }
}
