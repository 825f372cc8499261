package dev.gantry.runtime.rest;

import static dev.gantry.runtime.RuntimeApi.authorized;
import static dev.gantry.runtime.RuntimeApi.run;
import static dev.gantry.runtime.RuntimeApi.terminal;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EnvironmentResourceTest {

    static final String VALUE = "tok-9f8e7d6c5b4a";

    @AfterEach
    void clear() {
        put(Map.of()).statusCode(204);
    }

    @Test
    void theShellGetsTheVariablesWhichAppearOnNoCommandLine() {
        run("echo started");
        put(Map.of("MY_TOKEN", VALUE)).statusCode(204);

        run("echo \"token=$MY_TOKEN\"")
                .body("output", startsWith("[The terminal was restarted to take new environment variables"))
                .body("output", containsString("token=" + VALUE));
        // [t]ok... matches the value, not this command's own text
        run("cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\\0' '\\n' | grep -c '[t]" + VALUE.substring(1) + "' || true")
                .body("output", startsWith("0\n"));
    }

    @Test
    void replacingTheVariablesWithTheSameOnesLeavesTheShellAlone() {
        put(Map.of("MY_TOKEN", VALUE)).statusCode(204);
        run("cd /tmp && export KEPT=yes");
        put(Map.of("MY_TOKEN", VALUE)).statusCode(204);

        run("echo \"$KEPT $PWD\"").body("output", startsWith("yes /tmp\n"));
    }

    @Test
    void badNamesAndReservedOnesAreRefusedWithoutEchoingAValue() {
        put(Map.of("1BAD", VALUE, "GANTRY_SESSION_API_KEY", VALUE, "OK_NAME", "a\0b")).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("variables", "variables.GANTRY_SESSION_API_KEY", "variables.OK_NAME"))
                .body(not(containsString(VALUE)));
    }

    @Test
    void needsTheSessionKey() {
        given().contentType(ContentType.JSON).body(Map.of("variables", Map.of("A", "b")))
                .put("/api/v1/environment").then().statusCode(401);
        terminal(Map.of("reset", true)).statusCode(200);
    }

    private static ValidatableResponse put(Map<String, String> variables) {
        return authorized().contentType(ContentType.JSON).body(Map.of("variables", variables))
                .put("/api/v1/environment").then();
    }
}
