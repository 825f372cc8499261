package dev.gantry.gateway.openapi;

import dev.gantry.contracts.problem.Problem;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The description of the public API at {@code /q/openapi}: its title, bearer scheme and error schema. */
@OpenAPIDefinition(
        info = @Info(title = "Gantry API", version = "v1", description = """
                The public API of Gantry: conversations with AI software agents, their events (paged, SSE, \
                WebSocket at /sockets/events/{id}), sandboxes, settings, secrets, MCP servers, git and callbacks. \
                Every error is application/problem+json (RFC 9457) with a stable type; another user's resource \
                answers 404."""),
        security = @SecurityRequirement(name = GatewayApiDefinition.BEARER),
        components = @Components(schemas = @Schema(name = GatewayApiDefinition.PROBLEM_SCHEMA,
                implementation = Problem.class)))
@SecurityScheme(securitySchemeName = GatewayApiDefinition.BEARER, type = SecuritySchemeType.HTTP,
        scheme = "bearer", bearerFormat = "JWT", description = "An RS256 JWT of the configured issuer and audience")
public class GatewayApiDefinition extends Application {

    static final String BEARER = "bearer";
    static final String PROBLEM_SCHEMA = "Problem";
}
