package dev.gantry.platform.net;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A block of addresses written as {@code address/prefix-length}, such as {@code 10.0.0.0/8} or
 * {@code 2002::/16}. Parsed from the project's own table only, never from user input.
 */
record AddressBlock(String text, byte[] network, int prefixLength) {

    AddressBlock {
        network = network.clone();
    }

    static AddressBlock of(String cidr) {
        int slash = cidr.indexOf('/');
        String address = cidr.substring(0, slash);
        int prefixLength = Integer.parseInt(cidr.substring(slash + 1));
        byte[] network = address.contains(":") ? ipv6(address) : ipv4(address);
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("bad prefix length in " + cidr);
        }
        return new AddressBlock(cidr, network, prefixLength);
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressBlock block && block.prefixLength == prefixLength
                && Arrays.equals(block.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }

    private static byte[] ipv4(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return bytes;
    }

    /** The IPv6 text forms the table uses: hex groups with at most one {@code ::}, no embedded IPv4. */
    private static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        String[] head = groups(gap < 0 ? text : text.substring(0, gap));
        String[] tail = gap < 0 ? new String[0] : groups(text.substring(gap + 2));
        if (head.length + tail.length > 8 || (gap < 0 && head.length != 8)) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        byte[] bytes = new byte[16];
        put(bytes, 0, head);
        put(bytes, 8 - tail.length, tail);
        return bytes;
    }

    private static String[] groups(String part) {
        return part.isEmpty() ? new String[0] : part.split(":", -1);
    }

    private static void put(byte[] bytes, int firstGroup, String[] groups) {
        for (int i = 0; i < groups.length; i++) {
            byte[] group = HexFormat.of().parseHex("%4s".formatted(groups[i]).replace(' ', '0'));
            bytes[2 * (firstGroup + i)] = group[0];
            bytes[2 * (firstGroup + i) + 1] = group[1];
        }
    }
}
