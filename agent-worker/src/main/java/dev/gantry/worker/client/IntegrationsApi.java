package dev.gantry.worker.client;

import dev.gantry.platform.auth.ServiceCredentialFilter;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** integrations-service's route for the agent's pull requests (docs/INTERNAL-API.md), called with the worker's own token. */
@RegisterRestClient(configKey = "integrations-service")
@RegisterProvider(ServiceCredentialFilter.class)
@Path("/internal/conversations/{id}/pull-requests")
public interface IntegrationsApi {

    @POST
    OpenedPullRequest open(@PathParam("id") UUID conversationId, PullRequestRequest request);

    /** From {@code sourceBranch} into {@code targetBranch} (the default branch when null). */
    record PullRequestRequest(String title, String body, String sourceBranch, String targetBranch, Boolean draft) {
    }

    record OpenedPullRequest(String url, long number, String provider, String repository, String sourceBranch,
            String targetBranch, boolean draft) {
    }
}
