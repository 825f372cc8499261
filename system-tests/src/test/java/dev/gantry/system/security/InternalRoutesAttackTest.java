package dev.gantry.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.platform.auth.Caller;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.platform.auth.InternalKeys;
import dev.gantry.platform.auth.ServiceNames;
import dev.gantry.platform.auth.UserTokenFormat;
import dev.gantry.system.platform.Platform;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attacks of issue 16 on the internal ports, against the running platform: whoever reaches a service's
 * port without a credential it can verify (an identity header, the old shared token, a token of another key,
 * a guessed service token) gets 401 on every route, the event stream included; and locally no service listens
 * on an address other machines reach.
 */
class InternalRoutesAttackTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String VICTIM = "victim-" + UUID.randomUUID();
    private static final UUID SOME_CONVERSATION = UUID.randomUUID();

    /** One route of a service: the service, the method and the path. */
    record Route(String service, String method, String path) {

        @Override
        public String toString() {
            return service + " " + method + " " + path;
        }
    }

    static List<Route> routes() {
        String conversation = SOME_CONVERSATION.toString();
        return List.of(
                new Route("conversation-service", "GET", "/conversations?allUsers=true"),
                new Route("conversation-service", "GET", "/settings"),
                new Route("conversation-service", "GET", "/secrets"),
                new Route("conversation-service", "GET", "/internal/conversations/" + conversation),
                new Route("conversation-service", "GET", "/internal/conversations/" + conversation + "/secrets/openai"),
                new Route("event-store", "GET", "/conversations/" + conversation + "/events"),
                new Route("event-store", "GET", "/conversations/" + conversation + "/events/stream"),
                new Route("event-store", "GET", "/conversations/" + conversation + "/head"),
                new Route("sandbox-manager", "GET", "/sandboxes"),
                new Route("sandbox-manager", "GET", "/sandboxes/sb-" + conversation + "/connection"),
                new Route("integrations-service", "GET", "/git/repositories"),
                new Route("integrations-service", "POST", "/webhooks/github"));
    }

    static Stream<Arguments> attacks() {
        PrivateKey otherKey = InternalKeys.generate().getPrivate();
        Instant now = Instant.now();
        String forged = UserTokenFormat.sign(otherKey, new Caller.User(VICTIM, Set.of("admin")), now,
                now.plusSeconds(60), UserTokenFormat.AUDIENCE);
        Map<String, Map<String, String>> credentials = Map.of(
                "no credential", Map.of(),
                "X-Gantry-User and X-Gantry-Roles: admin", Map.of("X-Gantry-User", VICTIM, "X-Gantry-Roles", "admin"),
                "the old shared X-Gantry-Internal-Token", Map.of("X-Gantry-Internal-Token", "gantry"),
                "a user token signed with another key", Map.of(InternalHeaders.AUTHORIZATION, InternalHeaders.bearer(forged)),
                "a guessed service token", Map.of(InternalHeaders.SERVICE_TOKEN, "agent-worker"));
        List<Arguments> all = new ArrayList<>();
        for (Route route : routes()) {
            credentials.forEach((name, headers) -> all.add(Arguments.of(route, name, headers)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("attacks")
    void everyInternalRouteRefusesACallerWithoutAValidCredential(Route route, String attack, Map<String, String> headers)
            throws Exception {
        HttpResponse<String> response = call(route, headers);

        assertThat(response.statusCode()).as("%s with %s", route, attack).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain(VICTIM);
    }

    @Test
    void theCredentialsThePlatformGaveAreAcceptedForTheRoutesTheyAreFor() throws Exception {
        var credentials = Platform.get().credentials();
        Instant now = Instant.now();
        String userToken = UserTokenFormat.sign(credentials.userTokenKeys().getPrivate(),
                new Caller.User(VICTIM, Set.of()), now, now.plusSeconds(60), UserTokenFormat.AUDIENCE);
        Map<String, String> user = Map.of(InternalHeaders.AUTHORIZATION, InternalHeaders.bearer(userToken));
        Map<String, String> worker = Map.of(InternalHeaders.SERVICE_TOKEN,
                credentials.serviceToken(ServiceNames.AGENT_WORKER));

        assertThat(call(new Route("conversation-service", "GET", "/settings"), user).statusCode()).isEqualTo(200);
        assertThat(call(new Route("conversation-service", "GET", "/conversations?allUsers=true"), user).statusCode())
                .as("a user without the admin role").isEqualTo(403);
        assertThat(call(new Route("sandbox-manager", "GET", "/sandboxes/sb-" + SOME_CONVERSATION + "/connection"),
                user).statusCode()).as("a user asking for a sandbox's session key").isEqualTo(403);
        assertThat(call(new Route("sandbox-manager", "GET", "/sandboxes/sb-" + SOME_CONVERSATION + "/connection"),
                worker).statusCode()).as("the agent-worker, for a sandbox that does not exist").isEqualTo(404);
        assertThat(call(new Route("conversation-service", "GET", "/settings"), worker).statusCode())
                .as("a service on a user's route").isEqualTo(403);
    }

    @Test
    void locallyNoServiceListensOnAnAddressOtherMachinesReach() throws Exception {
        List<InetAddress> external = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback()) {
                nic.inetAddresses().filter(Inet4Address.class::isInstance).forEach(external::add);
            }
        }
        for (String service : List.of("conversation-service", "agent-worker", "sandbox-manager", "event-store",
                "integrations-service", "gateway")) {
            int port = Platform.get().service(service).url().getPort();
            for (InetAddress address : external) {
                assertThat(connects(address, port)).as("%s on %s:%d", service, address.getHostAddress(), port)
                        .isFalse();
            }
            assertThat(connects(InetAddress.getLoopbackAddress(), port)).as("%s on loopback", service).isTrue();
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static HttpResponse<String> call(Route route, Map<String, String> headers) throws Exception {
        URI base = Platform.get().service(route.service()).url();
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(route.path())).timeout(Duration.ofSeconds(10))
                .method(route.method(), route.method().equals("POST")
                        ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        if (route.method().equals("POST")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
