package dev.gantry.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.List;
import java.util.UUID;

/** Downstream answers shaped like INTERNAL-API.md. */
public final class Stubs {

    /** The services' credential check comes before any route's stub. */
    static final int CREDENTIAL_CHECK_PRIORITY = 1;
    private static final int LOW_PRIORITY = 10;
    private static final int HIGH_PRIORITY = 2;

    private Stubs() {
    }

    public static String conversation(UUID id, String owner, String sandboxId) {
        return """
                {"id":"%s","ownerId":"%s","title":"Fix the build","status":"running","repository":"acme/app",
                 "branch":"main","sandboxId":%s,
                 "settings":{"model":"gpt-4o","maxIterations":100,"confirmationPolicy":"never"},
                 "metrics":{"promptTokens":10,"completionTokens":5,"cost":"0.01","llmCalls":1,"llmLatencyMillis":200},
                 "lastSeq":2,"createdAt":"2026-11-25T10:00:00Z","updatedAt":"2026-11-25T10:05:00Z"}"""
                .formatted(id, owner, sandboxId == null ? "null" : "\"" + sandboxId + "\"");
    }

    public static String page(List<String> items) {
        return "{\"items\":[" + String.join(",", items) + "],\"nextPageId\":null}";
    }

    public static String event(UUID conversationId, long seq) {
        return """
                {"id":"%s","conversationId":"%s","seq":%d,"timestamp":"2026-11-25T10:00:0%dZ","source":"agent",\
                "kind":"MessageEvent","payload":{"role":"assistant","content":"step %d"}}"""
                .formatted(UUID.randomUUID(), conversationId, seq, seq % 10, seq);
    }

    public static String sandbox(String id, String owner) {
        return """
                {"id":"%s","ownerId":"%s","conversationId":null,"template":"default","status":"RUNNING",
                 "detail":null,"createdAt":"2026-11-25T10:00:00Z","updatedAt":"2026-11-25T10:00:00Z"}"""
                .formatted(id, owner);
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    public static ResponseDefinitionBuilder notFound(String what) {
        return aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                .withBody("""
                        {"type":"https://gantry.dev/problems/not-found","title":"Not found","status":404,\
                        "detail":"%s does not exist"}""".formatted(what));
    }

    /**
     * conversation-service as INTERNAL-API.md says it behaves: the conversation for its owner (a call with
     * their user token), 404 for anybody else (and for every other route under it).
     */
    public static void ownedConversation(UUID id, String owner, String sandboxId) {
        WireMockServer service = GatewayTestResource.conversationService();
        service.stubFor(get(urlPathEqualTo("/conversations/" + id)).atPriority(HIGH_PRIORITY)
                .andMatching(InternalCredentials.asUser(owner))
                .willReturn(json(200, conversation(id, owner, sandboxId))));
        service.stubFor(any(urlPathMatching("/conversations/" + id + "(/.*)?")).atPriority(LOW_PRIORITY)
                .willReturn(notFound("conversation " + id)));
    }
}
