package dev.gantry.worker.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.problem.Problem;
import dev.gantry.worker.client.IntegrationsApi;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * {@code create_pull_request}: opens a pull request (merge request) on the conversation's repository through
 * integrations-service, with the owner's git connection. Offered only to conversations with a repository; it acts
 * on the outside world, so it is confirmed like the sandbox tools. A refusal is an observation the agent can act on.
 */
@Singleton
public final class CreatePullRequestTool implements Tool {

    private final IntegrationsApi integrations;

    CreatePullRequestTool(@RestClient IntegrationsApi integrations) {
        this.integrations = integrations;
    }

    @Override
    public String name() {
        return "create_pull_request";
    }

    @Override
    public boolean actsOnSandbox() {
        return true;
    }

    @Override
    public ToolResult run(JsonNode arguments, ToolContext context) {
        Arguments args = new Arguments(name(), arguments);
        IntegrationsApi.PullRequestRequest request = new IntegrationsApi.PullRequestRequest(args.requiredText("title"),
                args.optionalText("body").orElse(""), args.requiredText("source_branch"),
                args.optionalText("target_branch").orElse(null), args.optionalBoolean("draft").orElse(false));
        try {
            IntegrationsApi.OpenedPullRequest opened = integrations.open(context.conversationId(), request);
            return ToolResult.of("Pull request #" + opened.number() + " opened: " + opened.url() + " (from "
                    + opened.sourceBranch() + " into " + opened.targetBranch() + (opened.draft() ? ", draft" : "") + ")");
        } catch (WebApplicationException e) {
            return ToolResult.failure("The pull request was not opened: " + reason(e));
        } catch (ProcessingException e) {
            return ToolResult.failure("The pull request was not opened: the integrations service could not be reached."
                    + " Try again later.");
        }
    }

    private static String reason(WebApplicationException e) {
        try {
            Problem problem = GantryJson.mapper().readValue(e.getResponse().readEntity(String.class), Problem.class);
            return problem.detail() != null ? problem.detail() : problem.title();
        } catch (RuntimeException | java.io.IOException notAProblem) {
            return "the integrations service answered HTTP " + e.getResponse().getStatus();
        }
    }
}
