package dev.gantry.gateway.ui;

import dev.gantry.gateway.config.GatewayConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the web UI reads before anyone signs in: how to sign in. Public like the app's files, and outside
 * {@code /api/v1}, every route of which needs a token.
 */
@Path("/ui/config.json")
@PermitAll
@Tag(name = "web UI")
public class UiConfigResource {

    private final UiSignIn signIn;

    UiConfigResource(GatewayConfig config) {
        this.signIn = UiSignIn.of(config.ui().oidc());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How the web UI signs in: the OpenID Connect provider when one is configured")
    @SecurityRequirements
    public UiSignIn config() {
        return signIn;
    }
}
