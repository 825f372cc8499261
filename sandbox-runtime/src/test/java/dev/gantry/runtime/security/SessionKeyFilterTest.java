package dev.gantry.runtime.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import dev.gantry.contracts.problem.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionKeyFilterTest {

    @Test
    void refusesARequestWithoutTheKey() {
        given().contentType(ContentType.JSON).body("{\"command\": \"id\"}").post("/api/v1/terminal")
                .then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", is("X-Session-API-Key"))
                .body("errors[0].reason", is("is missing"));
    }

    @Test
    void refusesAWrongKey() {
        given().header("X-Session-API-Key", "test-session-kez").queryParam("path", "x").get("/api/v1/files")
                .then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void unknownPathsAreRefusedBeforeRouting() {
        given().get("/api/v1/anything").then().statusCode(401);
    }

    @Test
    void unknownPathsWithTheKeyAreAProblemToo() {
        given().header("X-Session-API-Key", "test-session-key").get("/api/v1/anything")
                .then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
    }
}
