package dev.gantry.conversation.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Requests as the gateway makes them, for one user. */
public final class Api {

    public static final String USER_HEADER = "X-Gantry-User";
    public static final String INTERNAL_TOKEN_HEADER = "X-Gantry-Internal-Token";
    /** {@code %test.gantry.internal.token} of application.properties. */
    public static final String INTERNAL_TOKEN = "test-internal-token";

    private Api() {
    }

    /** A user id no other test uses, so each test sees only its own rows. */
    public static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    public static RequestSpecification as(String userId) {
        return given().header(USER_HEADER, userId).contentType(ContentType.JSON);
    }

    public static RequestSpecification internal() {
        return given().header(INTERNAL_TOKEN_HEADER, INTERNAL_TOKEN);
    }
}
