package dev.gantry.platform.net;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Classifies an address against the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and
 * its updates) plus the multicast, reserved and cloud metadata addresses. An IPv6 address that carries an
 * IPv4 one (IPv4-mapped, IPv4-compatible, IPv4-translated, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}) is judged by the IPv4 address it reaches; Teredo and the local-use NAT64 prefix are
 * refused whole, as their far end cannot be told from the address. IPv6 outside global unicast
 * ({@code 2000::/3}) is not public either.
 */
public final class AddressClassifier {

    private record Range(AddressBlock block, String name, boolean metadata) {

        AddressClass.Special special() {
            return new AddressClass.Special(name + " (" + block + ")", metadata);
        }
    }

    private static final List<Range> IPV4 = List.of(
            metadata("169.254.169.254/32", "cloud instance metadata"),
            metadata("169.254.170.2/32", "cloud container metadata"),
            metadata("100.100.100.200/32", "cloud instance metadata"),
            metadata("192.0.0.192/32", "cloud instance metadata"),
            range("0.0.0.0/8", "\"this network\""),
            range("10.0.0.0/8", "private-use"),
            range("100.64.0.0/10", "shared address space (carrier-grade NAT)"),
            range("127.0.0.0/8", "loopback"),
            range("169.254.0.0/16", "link-local"),
            range("172.16.0.0/12", "private-use"),
            range("192.0.0.0/24", "IETF protocol assignments"),
            range("192.0.2.0/24", "documentation (TEST-NET-1)"),
            range("192.88.99.0/24", "6to4 relay anycast (deprecated)"),
            range("192.168.0.0/16", "private-use"),
            range("198.18.0.0/15", "benchmarking"),
            range("198.51.100.0/24", "documentation (TEST-NET-2)"),
            range("203.0.113.0/24", "documentation (TEST-NET-3)"),
            range("224.0.0.0/4", "multicast"),
            range("255.255.255.255/32", "limited broadcast"),
            range("240.0.0.0/4", "reserved"));

    private static final List<Range> IPV6 = List.of(
            metadata("fd00:ec2::254/128", "cloud instance metadata"),
            range("::1/128", "loopback"),
            range("::/128", "unspecified"),
            range("64:ff9b:1::/48", "local-use IPv4/IPv6 translation"),
            range("100::/64", "discard-only"),
            range("100:0:0:1::/64", "dummy prefix"),
            range("2001:db8::/32", "documentation"),
            range("2001::/32", "Teredo"),
            range("2001:2::/48", "benchmarking"),
            range("2001::/23", "IETF protocol assignments"),
            range("3fff::/20", "documentation"),
            range("5f00::/16", "segment routing (SRv6) SIDs"),
            range("fc00::/7", "unique-local"),
            range("fec0::/10", "site-local (deprecated)"),
            range("fe80::/10", "link-local"),
            range("ff00::/8", "multicast"));

    private static final AddressBlock GLOBAL_UNICAST = AddressBlock.of("2000::/3");

    private AddressClassifier() {
    }

    public static AddressClass classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 ? ipv4(bytes) : ipv6(bytes);
    }

    private static AddressClass ipv4(byte[] bytes) {
        return find(IPV4, bytes).<AddressClass>map(Range::special).orElse(AddressClass.PUBLIC);
    }

    private static AddressClass ipv6(byte[] bytes) {
        Optional<Range> special = find(IPV6, bytes);
        if (special.isPresent()) {
            return special.get().special();
        }
        for (Embedding form : Embedding.values()) {
            if (form.block().contains(bytes)) {
                return embedded(form, bytes);
            }
        }
        return GLOBAL_UNICAST.contains(bytes) ? AddressClass.PUBLIC
                : new AddressClass.Special("outside global unicast (" + GLOBAL_UNICAST + ")", false);
    }

    /** The IPv6 forms that carry an IPv4 address, and where it lies in them. */
    private enum Embedding {
        MAPPED("::ffff:0:0/96", 12, "IPv4-mapped"),
        TRANSLATED("::ffff:0:0:0/96", 12, "IPv4-translated"),
        COMPATIBLE("::/96", 12, "IPv4-compatible"),
        NAT64("64:ff9b::/96", 12, "NAT64"),
        SIX_TO_FOUR("2002::/16", 2, "6to4");

        private final AddressBlock block;
        private final int offset;
        private final String name;

        Embedding(String block, int offset, String name) {
            this.block = AddressBlock.of(block);
            this.offset = offset;
            this.name = name;
        }

        AddressBlock block() {
            return block;
        }
    }

    private static AddressClass embedded(Embedding form, byte[] bytes) {
        byte[] ipv4 = Arrays.copyOfRange(bytes, form.offset, form.offset + 4);
        return switch (ipv4(ipv4)) {
            case AddressClass.Public p -> p;
            case AddressClass.Special s -> new AddressClass.Special(form.name + " (" + form.block + ") embedding "
                    + (ipv4[0] & 0xff) + "." + (ipv4[1] & 0xff) + "." + (ipv4[2] & 0xff) + "." + (ipv4[3] & 0xff)
                    + ", " + s.range(), s.metadata());
        };
    }

    private static Optional<Range> find(List<Range> ranges, byte[] bytes) {
        return ranges.stream().filter(r -> r.block().contains(bytes)).findFirst();
    }

    private static Range range(String block, String name) {
        return new Range(AddressBlock.of(block), name, false);
    }

    private static Range metadata(String block, String name) {
        return new Range(AddressBlock.of(block), name, true);
    }
}
