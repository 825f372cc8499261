package dev.gantry.runtime.activity;

import static dev.gantry.runtime.RuntimeApi.authorized;
import static dev.gantry.runtime.RuntimeApi.run;
import static dev.gantry.runtime.RuntimeApi.terminal;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ActivityResourceTest {

    @BeforeEach
    void freshShell() {
        terminal(Map.of("reset", true)).statusCode(200);
    }

    @Test
    void needsTheSessionKey() {
        given().get("/api/v1/activity").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void idleTimeGrowsWhileNothingIsCalledAndAskingForItIsNotUse() throws InterruptedException {
        run("true");
        Thread.sleep(300);
        long first = activity().getLong("idleMillis");
        Thread.sleep(300);
        JsonPath second = activity();

        assertTrue(first >= 300, "idle " + first + " ms after 300 ms");
        assertTrue(second.getLong("idleMillis") >= first + 300, "idle " + second.getLong("idleMillis") + " ms, asked "
                + first + " ms and 300 ms before");
        assertFalse(second.getBoolean("busy"));
    }

    @Test
    void aCallResetsTheIdleTime() throws InterruptedException {
        Thread.sleep(300);
        authorized().get("/api/v1/files/list?path=.").then().statusCode(200);

        long idle = activity().getLong("idleMillis");
        assertTrue(idle < 300, "idle " + idle + " ms right after a call");
    }

    @Test
    void aCommandStillRunningAfterItsCallAnsweredIsBusy() throws InterruptedException {
        // the call answers after its hard limit of 1 s while the command goes on in the shell
        terminal(Map.of("command", "sleep 4", "timeoutSeconds", 1)).statusCode(200);
        Thread.sleep(1200);

        JsonPath busy = activity();
        assertTrue(busy.getBoolean("busy"));
        assertEquals(0, busy.getLong("idleMillis"));
        terminal(Map.of("command", "C-c", "isInput", true)).statusCode(200);
    }

    private static JsonPath activity() {
        return authorized().get("/api/v1/activity").then().statusCode(200).extract().jsonPath();
    }
}
