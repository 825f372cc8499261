package dev.gantry.integrations.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.git.GitProvider;
import dev.gantry.integrations.git.provider.ItemRef;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which deliveries put the agent to work, read from payloads shaped as each provider documents them. */
class TriggersTest {

    @Test
    void aGitHubIssueGivenTheLabelIsATaskAndAnotherLabelIsNot() throws Exception {
        Optional<Trigger> labeled = github("issues", ResolverWebhooksTest.labeledIssue("Gantry"));
        assertThat(labeled).hasValueSatisfying(trigger -> {
            assertThat(trigger.item()).isEqualTo(new ItemRef(7, false));
            assertThat(trigger.title()).isEqualTo("Crash on an empty config");
            assertThat(trigger.instructions()).isNull();
        });
        assertThat(github("issues", ResolverWebhooksTest.labeledIssue("bug"))).isEmpty();
        assertThat(github("issues", ResolverWebhooksTest.labeledIssue("gantry").replace("\"labeled\"", "\"unlabeled\"")))
                .isEmpty();
    }

    @Test
    void aGitHubCommentMentioningTheAgentOnAPullRequestIsATaskOnThatPullRequest() throws Exception {
        String comment = """
                {"action":"created","issue":{"number":12,"title":"Faster login","body":"Caches lookups.",
                 "pull_request":{"url":"https://api.github.com/repos/acme/api/pulls/12"}},
                 "comment":{"id":5,"body":"@gantry add a test for the cache","user":{"login":"bob"}},
                 "repository":{"full_name":"acme/api","html_url":"https://github.com/acme/api"}}""";
        assertThat(github("issue_comment", comment)).hasValueSatisfying(trigger -> {
            assertThat(trigger.item()).isEqualTo(new ItemRef(12, true));
            assertThat(trigger.instructions()).isEqualTo("@gantry add a test for the cache");
            assertThat(trigger.branch()).isNull();
        });
        assertThat(github("issue_comment", comment.replace("@gantry add", "@gantry-bot add"))).isEmpty();
        assertThat(github("issue_comment", comment.replace("\"created\"", "\"edited\""))).isEmpty();
        assertThat(github("issue_comment", comment.replace("@gantry add", "mail me@gantry add"))).isEmpty();
    }

    @Test
    void aGitLabIssueIsATaskWhenTheLabelIsAddedNotWhenItWasThereBefore() throws Exception {
        String added = """
                {"object_kind":"issue","project":{"path_with_namespace":"acme/web","web_url":"https://gitlab.com/acme/web"},
                 "object_attributes":{"iid":4,"title":"Broken link","description":"The footer link 404s.","action":"update"},
                 "changes":{"labels":{"previous":[{"title":"bug"}],"current":[{"title":"bug"},{"title":"gantry"}]}}}""";
        assertThat(Triggers.of(GitProvider.GITLAB, "Issue Hook", json(added), "gantry", "@gantry"))
                .hasValueSatisfying(trigger -> assertThat(trigger.item()).isEqualTo(new ItemRef(4, false)));
        String kept = added.replace("\"previous\":[{\"title\":\"bug\"}]", "\"previous\":[{\"title\":\"gantry\"}]");
        assertThat(Triggers.of(GitProvider.GITLAB, "Issue Hook", json(kept), "gantry", "@gantry")).isEmpty();
    }

    @Test
    void aBitbucketIssueCommentMentioningAConfiguredNameIsATask() throws Exception {
        String comment = """
                {"repository":{"full_name":"acme/tools"},"issue":{"id":9,"title":"Typo","content":{"raw":"In the README."}},
                 "comment":{"content":{"raw":"@resolver-bot fix it please"}}}""";
        assertThat(Triggers.of(GitProvider.BITBUCKET, "issue:comment_created", json(comment), "gantry", "@resolver-bot"))
                .hasValueSatisfying(trigger -> {
                    assertThat(trigger.item()).isEqualTo(new ItemRef(9, false));
                    assertThat(trigger.body()).isEqualTo("In the README.");
                });
        assertThat(Triggers.of(GitProvider.BITBUCKET, "issue:comment_created", json(comment), "gantry", "@gantry")).isEmpty();
    }

    private static Optional<Trigger> github(String event, String payload) throws Exception {
        return Triggers.of(GitProvider.GITHUB, event, json(payload), "gantry", "@gantry");
    }

    private static JsonNode json(String text) throws Exception {
        return GantryJson.mapper().readTree(text);
    }
}
