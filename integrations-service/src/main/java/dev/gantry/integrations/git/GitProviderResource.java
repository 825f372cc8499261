package dev.gantry.integrations.git;

import dev.gantry.contracts.problem.Problem;
import dev.gantry.platform.auth.CalledBy;
import dev.gantry.platform.auth.ServiceNames;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * The git-provider routes of docs/INTERNAL-API.md (repositories, branches, inbound webhooks), which this
 * version does not have: each answers 501 with a problem that says so, which the gateway passes on, rather
 * than a 404 that would read as "no such repository". The git routes are for users (the gateway's signed
 * user token); a webhook, which no user sends, comes through the gateway with the gateway's own token.
 */
@Path("/")
public class GitProviderResource {

    private static final int NOT_IMPLEMENTED = 501;

    @GET
    @Path("/git/repositories")
    @CalledBy(users = true)
    public Response repositories() {
        return notBuilt("listing the repositories of a git provider");
    }

    @GET
    @Path("/git/branches")
    @CalledBy(users = true)
    public Response branches() {
        return notBuilt("listing the branches of a repository");
    }

    @POST
    @Path("/webhooks/{provider}")
    @CalledBy(services = ServiceNames.GATEWAY)
    public Response webhook(@PathParam("provider") String provider) {
        return notBuilt("taking webhooks from " + provider);
    }

    private static Response notBuilt(String what) {
        return Response.status(NOT_IMPLEMENTED).type(Problem.MEDIA_TYPE)
                .entity(Problem.of("not-implemented", "Not implemented", NOT_IMPLEMENTED, what
                        + " is not part of this version of Gantry: no git provider is connected"))
                .build();
    }
}
