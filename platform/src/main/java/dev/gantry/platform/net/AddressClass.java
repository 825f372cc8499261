package dev.gantry.platform.net;

/** What an address is, for deciding whether the platform may connect to it on a user's behalf. */
public sealed interface AddressClass {

    /** Globally reachable unicast: the only kind a cluster connects to for a user. */
    record Public() implements AddressClass {
    }

    /**
     * In a special-purpose range (loopback, private-use, link-local, documentation, ...), or embedding an
     * IPv4 address that is.
     *
     * @param range    what the range is and its block, such as {@code private-use (10.0.0.0/8)}
     * @param metadata a cloud provider's instance metadata endpoint: refused even where private addresses are allowed
     */
    record Special(String range, boolean metadata) implements AddressClass {
    }

    AddressClass PUBLIC = new Public();
}
