package dev.gantry.runtime;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** Calls the runtime's API as the agent-worker does: JSON bodies and the test profile's session key. */
public final class RuntimeApi {

    public static final String SESSION_KEY = "test-session-key";

    private RuntimeApi() {
    }

    public static RequestSpecification authorized() {
        return given().header("X-Session-API-Key", SESSION_KEY);
    }

    public static ValidatableResponse terminal(Map<String, ?> body) {
        return authorized().contentType(ContentType.JSON).body(body).post("/api/v1/terminal").then();
    }

    public static ValidatableResponse run(String command) {
        return terminal(Map.of("command", command)).statusCode(200);
    }

    public static ValidatableResponse editor(Map<String, ?> body) {
        return authorized().contentType(ContentType.JSON).body(body).post("/api/v1/editor").then();
    }
}
