package dev.gantry.platform.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loopback proxy that holds a library's JDK HTTP client to the outbound address policy. The names used here exist
 * only in the test's resolver, so a request that arrives proves the proxy resolved and pinned the address, not the
 * client.
 */
class EgressProxyTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch secondEvent = new CountDownLatch(1);
    private HttpServer origin;
    private EgressProxy proxy;

    /** mcp.example is the origin on this machine; evil.example also resolves to this machine. */
    private final HostResolver resolver = host -> switch (host) {
        case "mcp.example", "evil.example" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        default -> throw new UnknownHostException(host);
    };

    @BeforeEach
    void startOrigin() throws IOException {
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/echo", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " host=" + exchange.getRequestHeaders()
                    .getFirst("Host") + " auth=" + exchange.getRequestHeaders().getFirst("Authorization") + " body=" + body);
            byte[] answer = ("echo:" + body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Mcp-Session-Id", "s-1");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        origin.createContext("/events", exchange -> {
            seen.add("GET /events");
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                secondEvent.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        origin.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        origin.stop(0);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anHttpRequestReachesTheAddressThePolicyCheckedWithItsHeadersAndBody() throws Exception {
        proxy = EgressProxy.start(vertx, new AddressPolicy(true, resolver), Duration.ofSeconds(5));

        HttpResponse<String> answer = client().send(HttpRequest.newBuilder(url("mcp.example", "/echo?x=1"))
                .header("Authorization", "Bearer t0ken").POST(HttpRequest.BodyPublishers.ofString("{\"id\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("echo:{\"id\":1}");
        assertThat(answer.headers().firstValue("Mcp-Session-Id")).hasValue("s-1");
        assertThat(seen).containsExactly("POST /echo?x=1 host=mcp.example:" + origin.getAddress().getPort()
                + " auth=Bearer t0ken body={\"id\":1}");
    }

    @Test
    void aTargetThePolicyRefusesIsAnswered403AndNeverReached() throws Exception {
        proxy = EgressProxy.start(vertx, new AddressPolicy(false, resolver), Duration.ofSeconds(5));

        HttpResponse<String> answer = client().send(HttpRequest.newBuilder(url("evil.example", "/echo")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("resolves to a non-public address: 127.0.0.1");
        assertThat(seen).isEmpty();
    }

    @Test
    void anHttpsTunnelToARefusedAddressIsNeverOpened() {
        proxy = EgressProxy.start(vertx, new AddressPolicy(false, resolver), Duration.ofSeconds(5));

        assertThatThrownBy(() -> client().send(HttpRequest.newBuilder(URI.create("https://evil.example:"
                + origin.getAddress().getPort() + "/echo")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("403");
        assertThat(seen).isEmpty();
    }

    @Test
    void aConnectTunnelCarriesBytesToTheCheckedAddress() throws Exception {
        proxy = EgressProxy.start(vertx, new AddressPolicy(true, resolver), Duration.ofSeconds(5));
        int port = origin.getAddress().getPort();

        try (Socket socket = new Socket("127.0.0.1", proxy.address().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.write(("CONNECT mcp.example:" + port + " HTTP/1.1\r\nHost: mcp.example:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 200");
            while (!in.readLine().isEmpty()) {
                // the rest of the proxy's answer
            }
            // inside the tunnel: what TLS would carry, here a plain request to the origin
            out.write(("GET /echo HTTP/1.1\r\nHost: mcp.example\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 200");
        }
        assertThat(seen).containsExactly("GET /echo host=mcp.example auth=null body=");
    }

    @Test
    void serverSentEventsAreStreamedAsTheyComeNotWhenTheAnswerEnds() throws Exception {
        proxy = EgressProxy.start(vertx, new AddressPolicy(true, resolver), Duration.ofSeconds(5));

        HttpResponse<InputStream> answer = client().send(HttpRequest.newBuilder(url("mcp.example", "/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8))) {
            // the origin holds the second event back until the first has arrived through the proxy
            assertThat(events.readLine()).isEqualTo("data: first");
            secondEvent.countDown();
            assertThat(events.readLine()).isEmpty();
            assertThat(events.readLine()).isEqualTo("data: second");
        }
    }

    @Test
    void aRequestThatIsNotAProxyRequestIsRefused() throws Exception {
        proxy = EgressProxy.start(vertx, new AddressPolicy(true, resolver), Duration.ofSeconds(5));

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + proxy.address().getPort() + "/echo")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(seen).isEmpty();
    }

    private HttpClient client() {
        return HttpClient.newBuilder().proxy(proxy.selector()).version(HttpClient.Version.HTTP_1_1).build();
    }

    private URI url(String host, String path) {
        return URI.create("http://" + host + ":" + origin.getAddress().getPort() + path);
    }
}
