package dev.gantry.sandbox;

import static io.restassured.RestAssured.given;

import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.auth.TestCallers;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The credentials of the internal API, as the gateway (for a user) and the agent-worker send them. */
public final class Api {

    private Api() {
    }

    /** A call the gateway makes for {@code user}, with a fresh user token. */
    public static RequestSpecification asUser(String user) {
        return given().header(InternalHeaders.AUTHORIZATION, TestCallers.authorization(user))
                .contentType(ContentType.JSON);
    }

    /** A call of the agent-worker, with its service token. */
    public static RequestSpecification internal() {
        return given().header(InternalHeaders.SERVICE_TOKEN, TestCallers.AGENT_WORKER_TOKEN)
                .contentType(ContentType.JSON);
    }
}
