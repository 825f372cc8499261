package dev.gantry.integrations.webhooks;

import dev.gantry.contracts.git.GitProvider;
import dev.gantry.integrations.resolver.ResolverRequestException;
import dev.gantry.platform.auth.CalledBy;
import dev.gantry.platform.auth.ServiceNames;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Git providers' webhooks, relayed byte for byte by the gateway (its service token: no user sends them). 202 once
 * the delivery is on the topic (or when its repository has no resolver configuration: logged, nothing kept); 401
 * for a missing or wrong signature; 400 for a body that is not JSON or names no repository.
 */
@Path("/webhooks")
@Blocking
public class WebhookResource {

    private final WebhookIntake intake;

    WebhookResource(WebhookIntake intake) {
        this.intake = intake;
    }

    @POST
    @Path("/{provider}")
    @Produces(MediaType.APPLICATION_JSON)
    @CalledBy(services = ServiceNames.GATEWAY)
    public Response receive(@PathParam("provider") String provider, @Context HttpHeaders headers, byte[] body) {
        GitProvider gitProvider = GitProvider.fromWire(provider).orElseThrow(() -> ResolverRequestException.notFound(
                "no webhooks are taken from " + provider + " (github, gitlab, bitbucket)"));
        intake.receive(gitProvider, WebhookHeaders.of(gitProvider, headers), body == null ? new byte[0] : body);
        return Response.accepted().build();
    }
}
