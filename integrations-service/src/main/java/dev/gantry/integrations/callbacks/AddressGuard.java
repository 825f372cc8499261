package dev.gantry.integrations.callbacks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Keeps callbacks away from the platform's own network: a callback URL whose host is, or resolves to, a
 * loopback, private, link-local (cloud metadata), carrier-grade NAT, unique-local or multicast address is
 * refused, unless private addresses are allowed (the local platform). Redirects are not followed, so a
 * public receiver cannot send the platform on to such an address either.
 */
final class AddressGuard {

    private final boolean allowPrivate;

    AddressGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why the URL may not be called, or null when it may. */
    String refusal(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || url.getHost() == null) {
            return "is not an http(s) URL with a host";
        }
        if (allowPrivate) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            return "names a host that does not resolve";
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return "resolves to " + address.getHostAddress() + ", which is not a public address";
            }
        }
        return null;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            // 100.64.0.0/10, carrier-grade NAT (and some clusters' pod networks)
            return !((bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64);
        }
        // fc00::/7, IPv6 unique-local; an IPv4-mapped address is judged as its IPv4 one
        if (address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc) {
            return false;
        }
        return true;
    }
}
