package dev.gantry.platform.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves a host name to its addresses: the system's resolver, or a test's. */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
