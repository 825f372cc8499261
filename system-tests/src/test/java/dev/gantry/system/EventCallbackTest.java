package dev.gantry.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.contracts.GantryJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * A user's event callback, registered through the public API, receives the events of the kinds it asks for
 * as the agent works, signed with the user's secret: the whole way from the worker through Kafka and the
 * integrations-service to a receiver.
 */
class EventCallbackTest {

    private record Received(String timestamp, String signature, String body) {
    }

    @Test
    void theAgentsActionsAndObservationsArePostedSignedToTheUsersReceiver() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Gantry-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Gantry-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            TestUser user = TestUser.create("hooked");
            user.api.request().body(Map.of("name", "HOOK_KEY", "value", "receiver-shared-key")).post("/api/v1/secrets")
                    .then().statusCode(201);
            user.api.request().body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                            "eventKinds", List.of("ActionEvent", "ObservationEvent"), "signingSecretName", "HOOK_KEY"))
                    .post("/api/v1/event-callbacks").then().statusCode(201);
            String id = user.startConversation().getString("id");
            user.llm().toolCall("terminal", "{\"command\": \"echo called back\"}")
                    .toolCall("finish", "{\"message\": \"done\"}");

            user.send(id, "echo something");
            user.awaitStatus(id, "finished");

            await().atMost(Duration.ofSeconds(60)).until(() -> kinds(received, id).size() >= 4);
            assertThat(kinds(received, id)).containsExactly("ActionEvent", "ObservationEvent", "ActionEvent",
                    "ObservationEvent");
            for (Received post : received) {
                // as a receiver checks it: HMAC-SHA256 of "<timestamp>.<body>" with the shared key
                assertThat(post.signature()).isEqualTo("sha256=" + hmac("receiver-shared-key",
                        post.timestamp() + "." + post.body()));
            }
            assertThat(received.stream().map(Received::body).filter(body -> body.contains(id)))
                    .anySatisfy(body -> assertThat(body).contains("called back"));
        } finally {
            receiver.stop(0);
        }
    }

    /** The kinds of the conversation's events the receiver got, in seq order. */
    private static List<String> kinds(List<Received> received, String conversationId) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (Received post : received) {
            JsonNode event = GantryJson.mapper().readTree(post.body());
            if (event.path("conversationId").asText().equals(conversationId)) {
                events.add(event);
            }
        }
        return events.stream().sorted(Comparator.comparingLong(e -> e.path("seq").asLong()))
                .map(e -> e.path("kind").asText()).toList();
    }

    private static String hmac(String key, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
