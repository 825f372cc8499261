package dev.gantry.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.gateway.auth.CurrentCaller;
import dev.gantry.gateway.client.Integrations;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's git repositories and branches, from integrations-service. */
@Path("/api/v1/git")
@Authenticated
@Tag(name = "git")
public class GitResource {

    static final String INTEGRATIONS_UNAVAILABLE = "integrations service not available (type .../integrations-unavailable):"
            + " the integrations service is not deployed or does not answer";

    static final String NOT_BUILT = "not implemented (type .../not-implemented): no git provider is connected in this version";

    private final Integrations integrations;
    private final CurrentCaller caller;

    GitResource(Integrations integrations, CurrentCaller caller) {
        this.integrations = integrations;
        this.caller = caller;
    }

    @GET
    @Path("/repositories")
    @Operation(summary = "List the repositories the caller's git providers give access to")
    @APIResponse(responseCode = "200", description = "A page of repositories, as integrations-service answers it")
    @APIResponse(responseCode = "501", description = NOT_BUILT)
    @APIResponse(responseCode = "503", description = INTEGRATIONS_UNAVAILABLE)
    public Uni<JsonNode> repositories(@QueryParam("provider") String provider, @QueryParam("pageId") String pageId,
            @QueryParam("limit") @Min(PageParams.MIN_LIMIT) @Max(PageParams.MAX_LIMIT) Integer limit) {
        return integrations.repositories(caller.get(), provider, pageId, limit);
    }

    @GET
    @Path("/branches")
    @Operation(summary = "List the branches of a repository")
    @APIResponse(responseCode = "200", description = "The branches, as integrations-service answers them")
    @APIResponse(responseCode = "501", description = NOT_BUILT)
    @APIResponse(responseCode = "503", description = INTEGRATIONS_UNAVAILABLE)
    public Uni<JsonNode> branches(@QueryParam("repository") @NotBlank String repository) {
        return integrations.branches(caller.get(), repository);
    }
}
