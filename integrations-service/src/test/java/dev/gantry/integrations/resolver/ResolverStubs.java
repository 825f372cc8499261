package dev.gantry.integrations.resolver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.UUID;

/** conversation-service's answers for one user and a repository of each provider, as the resolver reads them. */
final class ResolverStubs {

    static final String USER = "alice";
    static final String HOOK_SECRET = "It's a Secret to Everybody";
    static final String GIT_TOKEN = "ghp_resolver0token0123456789";

    private ResolverStubs() {
    }

    static String configuration(UUID id, String provider, String host, String repository) {
        return """
                {"id":"%s","userId":"%s","provider":"%s","host":"%s","repository":"%s","webhookSecretName":"hook-secret",
                 "label":"gantry","mention":"@gantry","createdBy":"%s","createdAt":"2026-01-01T00:00:00Z"}"""
                .formatted(id, USER, provider, host, repository, USER);
    }

    /** The configuration of a repository, its webhook secret, the user's connections (every provider at WireMock). */
    static void configure(WireMockServer store, WireMockServer provider, UUID id, String wire, String host, String repository) {
        String configuration = configuration(id, wire, host, repository);
        store.stubFor(get(urlPathEqualTo("/internal/resolver/repositories"))
                .withQueryParam("provider", equalTo(wire)).withQueryParam("host", equalTo(host))
                .withQueryParam("repository", equalTo(repository))
                .willReturn(okJson(configuration)));
        store.stubFor(get(urlPathEqualTo("/internal/resolver/configurations/" + id)).willReturn(okJson(configuration)));
        store.stubFor(get(urlPathEqualTo("/internal/users/" + USER + "/secrets/hook-secret"))
                .willReturn(okJson("{\"name\":\"hook-secret\",\"value\":\"" + HOOK_SECRET + "\"}")));
        store.stubFor(get(urlPathEqualTo("/internal/users/" + USER + "/secrets/git-token"))
                .willReturn(okJson("{\"name\":\"git-token\",\"value\":\"" + GIT_TOKEN + "\"}")));
        store.stubFor(get(urlPathEqualTo("/internal/users/" + USER + "/git-connections")).willReturn(okJson("["
                + connection("github", "github.com", provider.baseUrl()) + ","
                + connection("gitlab", "gitlab.com", provider.baseUrl()) + ","
                + connection("bitbucket", "bitbucket.org", provider.baseUrl()) + "]")));
    }

    static void notConfigured(WireMockServer store, String repository) {
        store.stubFor(get(urlPathEqualTo("/internal/resolver/repositories")).withQueryParam("repository", equalTo(repository))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://gantry.dev/problems/not-found\",\"title\":\"Not found\",\"status\":404}")));
    }

    static String job(UUID conversationId, UUID configurationId, String provider, String deliveryId, String host,
            String repository, long number, boolean pullRequest, boolean startPosted, boolean closingPosted) {
        return """
                {"conversationId":"%s","provider":"%s","deliveryId":"%s","configurationId":"%s","userId":"%s","host":"%s",
                 "repository":"%s","itemNumber":%d,"pullRequest":%s,"startCommentPosted":%s,"closingCommentPosted":%s,
                 "createdAt":"2026-01-01T00:00:00Z"}"""
                .formatted(conversationId, provider, deliveryId, configurationId, USER, host, repository, number,
                        pullRequest, startPosted, closingPosted);
    }

    private static String connection(String provider, String host, String apiUrl) {
        return """
                {"id":"%s","provider":"%s","host":"%s","apiUrl":"%s","gitUrl":"https://%s","tokenSecretName":"git-token",
                 "login":"alice","name":"Alice","email":"alice@example.com","createdAt":"2026-01-01T00:00:00Z",
                 "updatedAt":"2026-01-01T00:00:00Z"}""".formatted(UUID.randomUUID(), provider, host, apiUrl, host);
    }
}
