package dev.gantry.sandbox;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The caller headers of the internal API, as the gateway and the agent-worker send them. */
public final class Api {

    public static final String TOKEN = "test-internal-token";
    public static final String USER = "X-Gantry-User";
    public static final String INTERNAL = "X-Gantry-Internal-Token";

    private Api() {
    }

    public static RequestSpecification asUser(String user) {
        return given().header(USER, user).contentType(ContentType.JSON);
    }

    public static RequestSpecification internal() {
        return given().header(INTERNAL, TOKEN).contentType(ContentType.JSON);
    }
}
