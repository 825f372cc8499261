package dev.gantry.integrations.git.provider;

import static dev.gantry.integrations.git.provider.GitHubApi.enc;
import static dev.gantry.integrations.git.provider.GitHubApi.text;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GitLab's REST API v4 (gitlab.com or self-managed), as its reference documents it: bearer token (personal,
 * project or OAuth), projects addressed by their URL-encoded path, pages by {@code Link} ({@code X-Next-Page} too).
 * A draft merge request is one whose title starts with {@code Draft:}.
 */
@Singleton
public final class GitLabApi implements GitProviderApi {

    private static final String NAME = "GitLab";
    private static final String DRAFT_PREFIX = "Draft: ";
    private final ProviderHttp http;

    GitLabApi(ProviderHttp http) {
        this.http = http;
    }

    @Override
    public GitIdentity identity(ProviderAccess access) {
        JsonNode user = http.get(NAME, access.apiUrl() + "/user", headers(access)).body();
        String email = text(user, "commit_email") != null ? text(user, "commit_email")
                : text(user, "public_email") != null ? text(user, "public_email") : text(user, "email");
        return new GitIdentity(user.path("username").asText(), text(user, "name"), email);
    }

    @Override
    public Listing<RepositorySummary> repositories(ProviderAccess access, String query, int limit, String pageUrl) {
        String url = pageUrl != null ? pageUrl : access.apiUrl() + "/projects?membership=true&simple=true"
                + "&order_by=last_activity_at&per_page=" + limit + (query == null ? "" : "&search=" + enc(query));
        ProviderHttp.Answer answer = http.get(NAME, url, headers(access));
        List<RepositorySummary> repositories = new ArrayList<>();
        for (JsonNode project : answer.body()) {
            repositories.add(new RepositorySummary(project.path("path_with_namespace").asText(),
                    text(project, "default_branch"), !"public".equals(project.path("visibility").asText("private")),
                    text(project, "web_url")));
        }
        return new Listing<>(repositories, next(answer, url));
    }

    @Override
    public Listing<BranchSummary> branches(ProviderAccess access, String repository, String query, int limit, String pageUrl) {
        String url = pageUrl != null ? pageUrl : project(access, repository) + "/repository/branches?per_page=" + limit
                + (query == null ? "" : "&search=" + enc(query));
        ProviderHttp.Answer answer = http.get(NAME, url, headers(access));
        List<BranchSummary> branches = new ArrayList<>();
        for (JsonNode branch : answer.body()) {
            branches.add(new BranchSummary(branch.path("name").asText(), branch.path("commit").path("id").asText(),
                    branch.path("protected").asBoolean()));
        }
        return new Listing<>(branches, next(answer, url));
    }

    @Override
    public String defaultBranch(ProviderAccess access, String repository) {
        return http.get(NAME, project(access, repository), headers(access)).body().path("default_branch").asText();
    }

    @Override
    public OpenedPullRequest openPullRequest(ProviderAccess access, String repository, PullRequestDraft draft) {
        String title = draft.draft() && !draft.title().startsWith(DRAFT_PREFIX) ? DRAFT_PREFIX + draft.title() : draft.title();
        JsonNode request = http.post(NAME, project(access, repository) + "/merge_requests", headers(access), Map.of(
                "source_branch", draft.sourceBranch(), "target_branch", draft.targetBranch(), "title", title,
                "description", draft.body() == null ? "" : draft.body())).body();
        return new OpenedPullRequest(request.path("web_url").asText(), request.path("iid").asLong());
    }

    /** The notes people wrote, oldest first; GitLab's own notes (label changes...) are left out. */
    @Override
    public List<ItemComment> comments(ProviderAccess access, String repository, ItemRef item) {
        List<ItemComment> comments = new ArrayList<>();
        for (JsonNode note : http.get(NAME, item(access, repository, item) + "/notes?sort=asc&order_by=created_at&per_page=100",
                headers(access)).body()) {
            if (!note.path("system").asBoolean()) {
                comments.add(new ItemComment(note.path("author").path("username").asText(), note.path("body").asText("")));
            }
        }
        return comments;
    }

    @Override
    public void comment(ProviderAccess access, String repository, ItemRef item, String body) {
        http.post(NAME, item(access, repository, item) + "/notes", headers(access), Map.of("body", body));
    }

    @Override
    public String pullRequestBranch(ProviderAccess access, String repository, long number) {
        return http.get(NAME, project(access, repository) + "/merge_requests/" + number, headers(access)).body()
                .path("source_branch").asText();
    }

    private static String item(ProviderAccess access, String repository, ItemRef item) {
        return project(access, repository) + (item.pullRequest() ? "/merge_requests/" : "/issues/") + item.number();
    }

    private static String project(ProviderAccess access, String repository) {
        return access.apiUrl() + "/projects/" + enc(repository);
    }

    /** The next page: the {@code Link} header, else {@code X-Next-Page} applied to this page's URL. */
    private static String next(ProviderHttp.Answer answer, String url) {
        return LinkHeader.next(answer.header("Link")).orElseGet(() -> answer.header("X-Next-Page")
                .filter(page -> !page.isBlank())
                .map(page -> url.replaceAll("([?&])page=\\d+&?", "$1").replaceAll("[?&]$", "")
                        + (url.contains("?") ? "&" : "?") + "page=" + page)
                .orElse(null));
    }

    private static Map<String, String> headers(ProviderAccess access) {
        return Map.of("Authorization", "Bearer " + access.token());
    }
}
