package dev.gantry.platform.net;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A forward proxy on the loopback interface for HTTP clients the platform cannot pin to an address itself (the JDK
 * {@code HttpClient} inside a library, such as the MCP SDK's transports): such a client is given {@link #selector()},
 * and every request it makes goes through here, where the target's host is resolved once, checked by the
 * {@link AddressPolicy}, and connected to at exactly the address checked, as {@link OutboundHttpClient} does. A DNS
 * answer that changes between the check and the connection (rebinding) cannot swap a private address in.
 * <p>
 * https targets are tunnelled ({@code CONNECT}; TLS stays end to end, the proxy sees bytes); http targets, asked in
 * absolute form, are forwarded with their bodies streamed both ways (server-sent events included). A refused target is
 * answered 403 with the policy's reason; the proxy itself grants nothing the policy does not, so it needs no
 * credential of its callers.
 */
public final class EgressProxy implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EgressProxy.class);
    /** Headers that concern one connection, not the request, and the host (the checked URL's): not passed on. */
    private static final List<String> HOP_BY_HOP = List.of("host", "connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    private static final int MAX_CONNECTIONS_PER_TARGET = 256;

    private final Vertx vertx;
    private final AddressPolicy policy;
    private final HttpServer server;
    private final HttpClient http;
    private final NetClient tunnels;

    private EgressProxy(Vertx vertx, AddressPolicy policy, Duration connectTimeout) {
        this.vertx = vertx;
        this.policy = policy;
        int timeout = (int) connectTimeout.toMillis();
        // an MCP client holds a long-lived event stream per session besides its requests: more than Vert.x's
        // default 5 connections per target, or a request waits behind open streams until it times out
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeout).setMaxPoolSize(MAX_CONNECTIONS_PER_TARGET));
        this.tunnels = vertx.createNetClient(new NetClientOptions().setConnectTimeout(timeout));
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(this::handle);
    }

    /** A proxy listening on a free loopback port, ready when this returns. */
    public static EgressProxy start(Vertx vertx, AddressPolicy policy, Duration connectTimeout) {
        EgressProxy proxy = new EgressProxy(vertx, policy, connectTimeout);
        try {
            proxy.server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the egress proxy could not listen on the loopback interface", e);
        }
        return proxy;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.actualPort());
    }

    /** What to give a JDK {@code HttpClient.Builder#proxy}: every request through this proxy. */
    public ProxySelector selector() {
        return ProxySelector.of(address());
    }

    private void handle(HttpServerRequest request) {
        request.pause();
        if (request.method() == HttpMethod.CONNECT) {
            tunnel(request);
        } else if (request.uri().regionMatches(true, 0, "http://", 0, 7)) {
            forward(request);
        } else {
            refuse(request, 400, "only CONNECT and absolute http:// requests are proxied");
        }
    }

    /** {@code CONNECT host:port}: the checked address connected to, then bytes piped both ways. */
    private void tunnel(HttpServerRequest request) {
        String authority = request.uri();
        checked("https://" + authority + "/", request).onSuccess(target -> tunnels
                .connect(target.port(), target.address().getHostAddress())
                .onFailure(e -> refuse(request, 502, "could not connect to " + authority + ": " + e.getMessage()))
                .onSuccess(upstream -> request.toNetSocket()
                        .onFailure(e -> upstream.close())
                        .onSuccess(client -> pipe(client, upstream))));
    }

    private static void pipe(NetSocket client, NetSocket upstream) {
        client.pipeTo(upstream);
        upstream.pipeTo(client);
    }

    /** An absolute-form http request: sent on to the checked address with its body, the answer streamed back. */
    private void forward(HttpServerRequest request) {
        checked(request.uri(), request).onSuccess(target -> {
            RequestOptions options = target.requestOptions().setMethod(request.method());
            options.setHeaders(withoutHopByHop(request.headers()));
            http.request(options)
                    .compose(upstream -> upstream.send(request))
                    .onFailure(e -> refuse(request, 502, "could not reach " + URI.create(request.uri()).getAuthority()
                            + ": " + e.getMessage()))
                    .onSuccess(answer -> {
                        request.response().setStatusCode(answer.statusCode()).setStatusMessage(answer.statusMessage());
                        request.response().headers().setAll(withoutHopByHop(answer.headers()));
                        request.response().send(answer);
                    });
        });
    }

    /** The target, resolved once and checked off the event loop; a refused one is answered 403 here. */
    private Future<OutboundTarget> checked(String url, HttpServerRequest request) {
        return vertx.executeBlocking(() -> policy.target(url), false)
                .onFailure(e -> {
                    String reason = e instanceof RefusedUrlException ? e.getMessage() : "could not be checked";
                    LOG.debugf("egress to %s refused: %s", url, reason);
                    refuse(request, 403, "the platform's outbound address policy refuses " + url + ": " + reason);
                });
    }

    private static void refuse(HttpServerRequest request, int status, String reason) {
        if (!request.response().ended() && !request.response().headWritten()) {
            request.resume();
            request.response().setStatusCode(status).putHeader("content-type", "text/plain; charset=utf-8").end(reason);
        }
    }

    private static MultiMap withoutHopByHop(MultiMap headers) {
        MultiMap kept = MultiMap.caseInsensitiveMultiMap().addAll(headers);
        for (String header : headers.names()) {
            if (HOP_BY_HOP.contains(header.toLowerCase(Locale.ROOT))) {
                kept.remove(header);
            }
        }
        return kept;
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("the egress proxy did not close cleanly", e);
        }
        http.close();
        tunnels.close();
    }
}
