package dev.gantry.gateway.stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.gantry.gateway.support.GatewayTestResource;
import dev.gantry.gateway.support.InternalCredentials;
import dev.gantry.gateway.support.Stubs;
import dev.gantry.gateway.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.CloseReason;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live event stream, relayed from the event-store over SSE and WebSocket after an ownership check. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class EventStreamTest {

    private static final Pattern SSE_ID = Pattern.compile("^id:\\s?(\\d+)$", Pattern.MULTILINE);
    private static final Duration SOCKET_PATIENCE = Duration.ofSeconds(10);

    private final String user = TestTokens.newUser();
    private final String token = TestTokens.forUser(user);
    private final UUID id = UUID.randomUUID();

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void ownedConversation() {
        GatewayTestResource.resetDownstream();
        Stubs.ownedConversation(id, user, null);
        GatewayTestResource.eventStore().stubFor(get(urlPathEqualTo("/conversations/" + id + "/head"))
                .willReturn(Stubs.json(200, "{\"conversationId\":\"" + id + "\",\"lastSeq\":2}")));
    }

    @Test
    void relaysTheEventStoresEventsWithTheirSeqAsIdAndTheirKindAsName() {
        streamAnswers(sse(Stubs.event(id, 1), Stubs.event(id, 2)));

        String body = given().auth().oauth2(token).accept("text/event-stream")
                .when().get("/api/v1/conversations/" + id + "/events/stream")
                .then().log().ifValidationFails()
                .statusCode(200).contentType(startsWith("text/event-stream"))
                .extract().asString();

        assertThat(ids(body)).containsExactly("1", "2");
        assertThat(body).containsPattern("event:\\s?MessageEvent").contains("\"content\":\"step 2\"");
        // only the fields of the SSE format: id, event, data (and comments)
        assertThat(body.lines().filter(line -> !line.isEmpty()))
                .allMatch(line -> line.matches("^(id|event|data):.*|^:.*"), "an SSE field line");
        assertThat(body).containsPattern("(?m)^data:\\s?\\{");
    }

    @Test
    void resumesAfterTheLastEventIdTheClientSaw() {
        streamAnswers(sse(Stubs.event(id, 6)));

        String body = given().auth().oauth2(token).accept("text/event-stream").header("Last-Event-ID", "5")
                .when().get("/api/v1/conversations/" + id + "/events/stream")
                .then().statusCode(200).extract().asString();

        assertThat(ids(body)).containsExactly("6");
        GatewayTestResource.eventStore().verify(getRequestedFor(urlPathEqualTo("/conversations/" + id + "/events/stream"))
                .andMatching(InternalCredentials.asUser(user))
                .withQueryParam("afterSeq", equalTo("5")));
    }

    @Test
    void sendsHeartbeatsWhileTheStreamIsQuiet() {
        GatewayTestResource.eventStore().stubFor(get(urlPathEqualTo("/conversations/" + id + "/events/stream"))
                .willReturn(sseResponse(sse(Stubs.event(id, 1), Stubs.event(id, 2)))
                        .withChunkedDribbleDelay(2, 2_500)));

        String body = given().auth().oauth2(token).accept("text/event-stream")
                .when().get("/api/v1/conversations/" + id + "/events/stream")
                .then().statusCode(200).extract().asString();

        assertThat(body).containsPattern("(?m)^:\\s?heartbeat$");
        assertThat(ids(body)).containsExactly("1", "2");
    }

    @Test
    void aBadLastEventIdIsABadRequest() {
        given().auth().oauth2(token).accept("text/event-stream").header("Last-Event-ID", "yesterday")
                .when().get("/api/v1/conversations/" + id + "/events/stream")
                .then().statusCode(400).contentType("application/problem+json");
        GatewayTestResource.eventStore().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aStreamWhoseEventStoreIsDownIsServiceUnavailableBeforeItStarts() {
        GatewayTestResource.eventStore().stubFor(get(urlPathEqualTo("/conversations/" + id + "/head"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        given().auth().oauth2(token).accept("text/event-stream")
                .when().get("/api/v1/conversations/" + id + "/events/stream")
                .then().log().ifValidationFails()
                .statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("event-store"));
    }

    @Test
    void aWebSocketWithATokenInTheQueryReceivesTheEvents() {
        streamAnswers(sse(Stubs.event(id, 1), Stubs.event(id, 2)));
        List<String> messages = new CopyOnWriteArrayList<>();

        BasicWebSocketConnector.create().baseUri(base).path("/sockets/events/" + id + "?token=" + token)
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .onTextMessage((connection, message) -> messages.add(message))
                .connectAndAwait();

        await().atMost(SOCKET_PATIENCE).until(() -> messages.size() == 2);
        assertThat(messages.get(0)).contains("\"seq\":1");
        assertThat(messages.get(1)).contains("\"seq\":2");
    }

    @Test
    void aWebSocketWithATokenInTheHeaderResumesAfterTheGivenSeq() {
        streamAnswers(sse(Stubs.event(id, 4)));
        List<String> messages = new CopyOnWriteArrayList<>();

        BasicWebSocketConnector.create().baseUri(base).path("/sockets/events/" + id + "?afterSeq=3")
                .addHeader("Authorization", "Bearer " + token)
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .onTextMessage((connection, message) -> messages.add(message))
                .connectAndAwait();

        await().atMost(SOCKET_PATIENCE).until(() -> messages.size() == 1);
        GatewayTestResource.eventStore().verify(getRequestedFor(urlPathEqualTo("/conversations/" + id + "/events/stream"))
                .withQueryParam("afterSeq", equalTo("3")));
    }

    @Test
    void aWebSocketWithoutAValidTokenIsClosedWith4001() {
        assertThat(closeCodeOf("/sockets/events/" + id + "?token=" + TestTokens.expired(user))).isEqualTo(4001);
        assertThat(closeCodeOf("/sockets/events/" + id)).isEqualTo(4001);
        GatewayTestResource.eventStore().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aWebSocketOnAnotherUsersConversationIsClosedWith4004() {
        String stranger = TestTokens.forUser(TestTokens.newUser());

        assertThat(closeCodeOf("/sockets/events/" + id + "?token=" + stranger)).isEqualTo(4004);
        GatewayTestResource.eventStore().verify(0, anyRequestedFor(anyUrl()));
    }

    private int closeCodeOf(String path) {
        AtomicReference<CloseReason> closed = new AtomicReference<>();
        BasicWebSocketConnector.create().baseUri(base).path(path)
                .onClose((connection, reason) -> closed.set(reason))
                .connectAndAwait();
        await().atMost(SOCKET_PATIENCE).until(() -> closed.get() != null);
        return closed.get().getCode();
    }

    private void streamAnswers(String body) {
        GatewayTestResource.eventStore().stubFor(get(urlPathEqualTo("/conversations/" + id + "/events/stream"))
                .willReturn(sseResponse(body)));
    }

    private static ResponseDefinitionBuilder sseResponse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    /** The event-store's stream as INTERNAL-API.md writes it: id, event, data, and heartbeat comments. */
    private static String sse(String... events) {
        StringBuilder body = new StringBuilder(": heartbeat\n\n");
        for (String event : events) {
            Matcher seq = Pattern.compile("\"seq\":(\\d+)").matcher(event);
            seq.find();
            body.append("id: ").append(seq.group(1)).append('\n')
                    .append("event: MessageEvent\n")
                    .append("data: ").append(event.replace("\n", "")).append("\n\n");
        }
        return body.toString();
    }

    private static List<String> ids(String body) {
        return SSE_ID.matcher(body).results().map(m -> m.group(1)).toList();
    }
}
