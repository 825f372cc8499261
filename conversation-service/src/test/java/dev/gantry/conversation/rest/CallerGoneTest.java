package dev.gantry.conversation.rest;

import static dev.gantry.conversation.support.Api.as;
import static dev.gantry.conversation.support.Api.newUser;
import static org.hamcrest.Matchers.is;

import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PostgresTestResource;
import dev.gantry.testing.auth.TestCallers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A caller that goes away mid-request (the gateway timed out and closed the connection) does not cut the request's
 * database work short: it commits, and its connection goes back to the pool. Cut short, Hibernate Reactive closed
 * the session under the running transaction and rolled the write back; the load run logged it by the dozen
 * ("HR000090: Live transaction detected while closing the connection").
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = {@ResourceArg(name = "database", value = "gantry_conversations_test"),
                @ResourceArg(name = "jdbc", value = "true")})
class CallerGoneTest {

    @TestHTTPResource("/settings")
    URL settings;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void aSettingsUpdateWhoseCallerLeftWhileItWaitedOnTheDatabaseIsStillMade() throws Exception {
        String user = newUser();
        as(user).body(Map.of("model", "first")).post("/settings").then().statusCode(200);

        try (Connection database = DriverManager.getConnection(jdbcUrl, PostgresTestResource.ROLE,
                PostgresTestResource.PASSWORD)) {
            // the user's row locked: the update waits on the database until the lock goes
            database.setAutoCommit(false);
            try (PreparedStatement lock = database.prepareStatement(
                    "select 1 from user_settings where user_id = ? for update")) {
                lock.setString(1, user);
                lock.executeQuery();
            }
            postAndHangUp(user, "{\"model\":\"second\"}");
            Thread.sleep(1000);
            database.rollback();
        }

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                as(user).get("/settings").then().statusCode(200).body("model", is("second")));
        // and the pool still serves: more requests than it has connections
        for (int request = 0; request < 30; request++) {
            as(user).get("/settings").then().statusCode(200);
        }
    }

    /** Sends the request, waits until the service is on it, and closes the connection without reading an answer. */
    private void postAndHangUp(String user, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + settings.getPath() + " HTTP/1.1\r\nHost: " + settings.getHost() + "\r\n"
                + InternalHeaders.AUTHORIZATION + ": " + TestCallers.authorization(user) + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        try (Socket socket = new Socket(settings.getHost(), settings.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            Thread.sleep(1000);
        }
    }
}
