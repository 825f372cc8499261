package dev.gantry.gateway.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import dev.gantry.gateway.support.GatewayTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class OpenApiDocumentTest {

    @Test
    void describesEveryPublicRouteWithProblemErrorsAndTheBearerScheme() {
        given().accept("application/json").when().get("/q/openapi")
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("paths", hasKey("/api/v1/conversations"))
                .body("paths", hasKey("/api/v1/conversations/{id}"))
                .body("paths", hasKey("/api/v1/conversations/{id}/messages"))
                .body("paths", hasKey("/api/v1/conversations/{id}/confirmation"))
                .body("paths", hasKey("/api/v1/conversations/{id}/events"))
                .body("paths", hasKey("/api/v1/conversations/{id}/events/stream"))
                .body("paths", hasKey("/api/v1/conversations/{id}/files"))
                .body("paths", hasKey("/api/v1/settings"))
                .body("paths", hasKey("/api/v1/secrets"))
                .body("paths", hasKey("/api/v1/secrets/{name}"))
                .body("paths", hasKey("/api/v1/mcp-servers"))
                .body("paths", hasKey("/api/v1/skills"))
                .body("paths", hasKey("/api/v1/skills/{name}"))
                .body("paths", hasKey("/api/v1/sandboxes"))
                .body("paths", hasKey("/api/v1/sandboxes/{id}/pause"))
                .body("paths", hasKey("/api/v1/git/repositories"))
                .body("paths", hasKey("/api/v1/git/branches"))
                .body("paths", hasKey("/api/v1/webhooks/{provider}"))
                .body("paths", hasKey("/api/v1/event-callbacks"))
                .body("components.schemas", hasKey("Problem"))
                .body("components.securitySchemes.bearer.scheme", is("bearer"))
                .body("paths.'/api/v1/conversations/{id}'.get.responses.'404'.content.'application/problem+json'.schema",
                        notNullValue())
                .body("paths.'/api/v1/conversations'.post.parameters.name", hasItem("Idempotency-Key"))
                .body("paths.'/api/v1/conversations'.post.responses", hasKey("422"))
                .body("paths.'/api/v1/settings'.get.responses", hasKey("429"))
                .body("paths.'/api/v1/git/repositories'.get.responses.'503'.description",
                        containsString("integrations service not available"));
    }
}
