package dev.gantry.eventstore.support;

import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.auth.TestCallers;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests as the event-store's real callers make them: for a user, through the gateway's signed token. */
public final class Callers {

    /** The user the tests read events for. */
    public static final String USER = "user-1";

    private Callers() {
    }

    /** A request for {@link #USER}, with a fresh user token. */
    public static RequestSpecification given() {
        return RestAssured.given().header(InternalHeaders.AUTHORIZATION, TestCallers.authorization(USER));
    }
}
