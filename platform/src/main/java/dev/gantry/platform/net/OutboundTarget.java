package dev.gantry.platform.net;

import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;

/**
 * A checked URL and the one address it is to be connected to. The request keeps the URL's host for the
 * {@code Host} header, TLS server name and certificate check, but its connection goes to {@code address}:
 * the host is not looked up again, so a second DNS answer cannot swap a private address in (rebinding).
 */
public record OutboundTarget(URI url, boolean tls, int port, InetAddress address) {

    /** The request to send: pinned to {@code address}, redirects not followed. */
    public RequestOptions requestOptions() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return new RequestOptions()
                .setHost(url.getHost())
                .setPort(port)
                .setSsl(tls)
                .setURI(url.getRawQuery() == null ? path : path + "?" + url.getRawQuery())
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setFollowRedirects(false);
    }
}
