package dev.gantry.runtime.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AliveResourceTest {

    @Test
    void answersAliveWithoutASessionKey() {
        given().when().get("/alive")
                .then().statusCode(200)
                .body("status", is("ok"));
    }
}
