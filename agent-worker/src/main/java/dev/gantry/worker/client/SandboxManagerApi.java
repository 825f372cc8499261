package dev.gantry.worker.client;

import dev.gantry.platform.auth.ServiceCredentialFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The sandbox-manager's internal route for a sandbox's connection (docs/INTERNAL-API.md), called with the worker's own token. */
@RegisterRestClient(configKey = "sandbox-manager")
@RegisterProvider(ServiceCredentialFilter.class)
@Path("/sandboxes")
public interface SandboxManagerApi {

    @GET
    @Path("/{id}/connection")
    Connection connection(@PathParam("id") UUID sandboxId);

    /** Where the sandbox's runtime listens and the key it wants; the key is never logged. */
    record Connection(String runtimeUrl, String sessionApiKey) {
        @Override
        public String toString() {
            return "Connection[runtimeUrl=" + runtimeUrl + "]";
        }
    }
}
