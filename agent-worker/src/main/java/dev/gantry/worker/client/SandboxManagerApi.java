package dev.gantry.worker.client;

import dev.gantry.contracts.GantryHeaders;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The sandbox-manager's internal route for a sandbox's connection (docs/INTERNAL-API.md). */
@RegisterRestClient(configKey = "sandbox-manager")
@Path("/sandboxes")
public interface SandboxManagerApi {

    @GET
    @Path("/{id}/connection")
    Connection connection(@PathParam("id") UUID sandboxId, @HeaderParam(GantryHeaders.INTERNAL_TOKEN) String token);

    /** Where the sandbox's runtime listens and the key it wants; the key is never logged. */
    record Connection(String runtimeUrl, String sessionApiKey) {
        @Override
        public String toString() {
            return "Connection[runtimeUrl=" + runtimeUrl + "]";
        }
    }
}
