package dev.gantry.platform.net;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs the platform calls on a user's behalf (an LLM endpoint, an event callback): http or https,
 * with a host and no user information, whose host resolves to public addresses only (see
 * {@link AddressClassifier}) unless private addresses are allowed; cloud metadata addresses never. A URL
 * is checked where it is saved and again at each call, where {@link #target} resolves the host once,
 * checks every answer, and names the address to connect to.
 */
@ApplicationScoped
public class AddressPolicy {

    private final boolean allowPrivate;
    private final HostResolver resolver;

    @Inject
    AddressPolicy(OutboundConfig config) {
        this(config.allowPrivateAddresses(), HostResolver.SYSTEM);
    }

    public AddressPolicy(boolean allowPrivate, HostResolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    public boolean allowsPrivateAddresses() {
        return allowPrivate;
    }

    /** Why the platform may not connect to this address, if it may not. */
    public Optional<String> refusal(InetAddress address) {
        return switch (AddressClassifier.classify(address)) {
            case AddressClass.Public p -> Optional.empty();
            case AddressClass.Special s when s.metadata() ->
                    Optional.of("resolves to a cloud metadata address: " + address.getHostAddress() + ", " + s.range());
            case AddressClass.Special s when allowPrivate -> Optional.empty();
            case AddressClass.Special s ->
                    Optional.of("resolves to a non-public address: " + address.getHostAddress() + ", " + s.range());
        };
    }

    /**
     * Resolves the URL's host once, checks every address it resolves to, and answers the first, to be
     * connected to. Blocking (a DNS lookup): not on an event loop.
     *
     * @throws RefusedUrlException if the URL's form or any of its addresses is refused, or its host does not resolve
     */
    public OutboundTarget target(String url) {
        URI uri = parse(url);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw new UnresolvableHostException();
        }
        if (addresses.length == 0) {
            throw new UnresolvableHostException();
        }
        for (InetAddress address : addresses) {
            refusal(address).ifPresent(reason -> {
                throw new RefusedUrlException(reason);
            });
        }
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        return new OutboundTarget(uri, tls, port, addresses[0]);
    }

    /**
     * Why a URL may not be saved, if it may not: its form, or an address its host resolves to now. A host
     * that does not resolve yet is accepted; every call checks it again.
     */
    public Optional<String> refusalToSave(String url) {
        try {
            target(url);
            return Optional.empty();
        } catch (UnresolvableHostException notYet) {
            return Optional.empty();
        } catch (RefusedUrlException refused) {
            return Optional.of(refused.getMessage());
        }
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new RefusedUrlException("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedUrlException("must be an http or https URL");
        }
        if (uri.getHost() == null) {
            throw new RefusedUrlException("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedUrlException("must not carry user information (user:password@)");
        }
        return uri;
    }
}
