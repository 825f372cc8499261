package dev.gantry.system;

import static io.restassured.RestAssured.given;

import dev.gantry.system.platform.Platform;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** Requests to the gateway as one user, and the setup every test user needs: an LLM to talk to. */
final class PublicApi {

    private final String token;

    PublicApi(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    RequestSpecification request() {
        return given().baseUri(Platform.get().gateway().toString())
                .header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON);
    }

    /** Points this user's agent at the scripted LLM, answering as {@code model}. */
    void useScriptedLlm(String model) {
        request().body(Map.of("name", "llm-key", "value", "sk-system-test")).post("/api/v1/secrets")
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200),
                        org.hamcrest.Matchers.is(201)));
        request().body(Map.of("model", model, "baseUrl", Platform.get().llm().baseUrl(), "apiKeySecretName", "llm-key"))
                .post("/api/v1/settings").then().statusCode(200);
    }
}
