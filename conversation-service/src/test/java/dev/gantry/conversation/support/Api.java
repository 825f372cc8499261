package dev.gantry.conversation.support;

import static io.restassured.RestAssured.given;

import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.auth.TestCallers;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Requests as the service's callers make them: the gateway for one user, or a service with its own token. */
public final class Api {

    private Api() {
    }

    /** A user id no other test uses, so each test sees only its own rows. */
    public static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    /** A call the gateway makes for {@code userId} (with {@code roles}), with a fresh user token. */
    public static RequestSpecification as(String userId, String... roles) {
        return given().header(InternalHeaders.AUTHORIZATION, TestCallers.authorization(userId, roles))
                .contentType(ContentType.JSON);
    }

    /** A call of the agent-worker. */
    public static RequestSpecification internal() {
        return asService(TestCallers.AGENT_WORKER_TOKEN);
    }

    /** A call of the integrations-service. */
    public static RequestSpecification integrations() {
        return asService(TestCallers.INTEGRATIONS_SERVICE_TOKEN);
    }

    public static RequestSpecification asService(String token) {
        return given().header(InternalHeaders.SERVICE_TOKEN, token);
    }
}
