package dev.gantry.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every range of the table, with the last address before it and the first after it where those are public. */
class AddressClassifierTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.0.0.0              | "this network" (0.0.0.0/8)
            0.255.255.255        | "this network" (0.0.0.0/8)
            10.0.0.0             | private-use (10.0.0.0/8)
            10.255.255.255       | private-use (10.0.0.0/8)
            100.64.0.0           | shared address space (carrier-grade NAT) (100.64.0.0/10)
            100.127.255.255      | shared address space (carrier-grade NAT) (100.64.0.0/10)
            127.0.0.1            | loopback (127.0.0.0/8)
            127.255.255.255      | loopback (127.0.0.0/8)
            169.254.0.0          | link-local (169.254.0.0/16)
            169.254.255.255      | link-local (169.254.0.0/16)
            172.16.0.0           | private-use (172.16.0.0/12)
            172.31.255.255       | private-use (172.16.0.0/12)
            192.0.0.0            | IETF protocol assignments (192.0.0.0/24)
            192.0.0.255          | IETF protocol assignments (192.0.0.0/24)
            192.0.2.0            | documentation (TEST-NET-1) (192.0.2.0/24)
            192.0.2.255          | documentation (TEST-NET-1) (192.0.2.0/24)
            192.88.99.0          | 6to4 relay anycast (deprecated) (192.88.99.0/24)
            192.88.99.255        | 6to4 relay anycast (deprecated) (192.88.99.0/24)
            192.168.0.0          | private-use (192.168.0.0/16)
            192.168.255.255      | private-use (192.168.0.0/16)
            198.18.0.0           | benchmarking (198.18.0.0/15)
            198.19.255.255       | benchmarking (198.18.0.0/15)
            198.51.100.0         | documentation (TEST-NET-2) (198.51.100.0/24)
            198.51.100.255       | documentation (TEST-NET-2) (198.51.100.0/24)
            203.0.113.0          | documentation (TEST-NET-3) (203.0.113.0/24)
            203.0.113.255        | documentation (TEST-NET-3) (203.0.113.0/24)
            224.0.0.0            | multicast (224.0.0.0/4)
            239.255.255.255      | multicast (224.0.0.0/4)
            240.0.0.0            | reserved (240.0.0.0/4)
            255.255.255.254      | reserved (240.0.0.0/4)
            255.255.255.255      | limited broadcast (255.255.255.255/32)
            ::1                  | loopback (::1/128)
            ::                   | unspecified (::/128)
            64:ff9b:1::          | local-use IPv4/IPv6 translation (64:ff9b:1::/48)
            64:ff9b:1:ffff:ffff:ffff:ffff:ffff | local-use IPv4/IPv6 translation (64:ff9b:1::/48)
            100::                | discard-only (100::/64)
            100::ffff:ffff:ffff:ffff | discard-only (100::/64)
            100:0:0:1::          | dummy prefix (100:0:0:1::/64)
            2001::               | Teredo (2001::/32)
            2001:0:ffff:ffff:ffff:ffff:ffff:ffff | Teredo (2001::/32)
            2001:2::             | benchmarking (2001:2::/48)
            2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff | IETF protocol assignments (2001::/23)
            2001:db8::          | documentation (2001:db8::/32)
            2001:db8:ffff:ffff:ffff:ffff:ffff:ffff | documentation (2001:db8::/32)
            3fff::               | documentation (3fff::/20)
            3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff | documentation (3fff::/20)
            5f00::               | segment routing (SRv6) SIDs (5f00::/16)
            5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff | segment routing (SRv6) SIDs (5f00::/16)
            5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | outside global unicast (2000::/3)
            fc00::               | unique-local (fc00::/7)
            fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | unique-local (fc00::/7)
            fec0::1              | site-local (deprecated) (fec0::/10)
            fe80::               | link-local (fe80::/10)
            febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff | link-local (fe80::/10)
            ff02::1              | multicast (ff00::/8)
            1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | outside global unicast (2000::/3)
            4000::               | outside global unicast (2000::/3)
            """)
    void specialPurposeAddressesAreNotPublic(String address, String range) {
        assertThat(AddressClassifier.classify(address(address))).isEqualTo(new AddressClass.Special(range, false));
    }

    @ParameterizedTest(name = "{0} is public")
    @CsvSource(textBlock = """
            1.0.0.0
            9.255.255.255
            11.0.0.0
            100.63.255.255
            100.128.0.0
            126.255.255.255
            128.0.0.0
            169.253.255.255
            169.255.0.0
            172.15.255.255
            172.32.0.0
            191.255.255.255
            192.0.1.0
            192.0.3.0
            192.88.98.255
            192.88.100.0
            192.167.255.255
            192.169.0.0
            198.17.255.255
            198.20.0.0
            198.51.99.255
            198.51.101.0
            203.0.112.255
            203.0.114.0
            223.255.255.255
            8.8.8.8
            2000::
            2001:200::
            2001:db7:ffff:ffff:ffff:ffff:ffff:ffff
            2001:db9::
            2606:4700:4700::1111
            3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff
            3fff:1000::
            2002:808:808::1
            64:ff9b::808:808
            ::ffff:8.8.8.8
            """)
    void globallyReachableAddressesArePublic(String address) {
        assertThat(AddressClassifier.classify(address(address))).isEqualTo(AddressClass.PUBLIC);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2002:0a00:0001::1    | 6to4 (2002::/16) embedding 10.0.0.1, private-use (10.0.0.0/8)
            2002:7f00:0001::     | 6to4 (2002::/16) embedding 127.0.0.1, loopback (127.0.0.0/8)
            2002:c612:0001::     | 6to4 (2002::/16) embedding 198.18.0.1, benchmarking (198.18.0.0/15)
            64:ff9b::a00:5       | NAT64 (64:ff9b::/96) embedding 10.0.0.5, private-use (10.0.0.0/8)
            64:ff9b::f000:1      | NAT64 (64:ff9b::/96) embedding 240.0.0.1, reserved (240.0.0.0/4)
            ::a00:5              | IPv4-compatible (::/96) embedding 10.0.0.5, private-use (10.0.0.0/8)
            ::ffff:0:c0a8:101    | IPv4-translated (::ffff:0:0:0/96) embedding 192.168.1.1, private-use (192.168.0.0/16)
            """)
    void ipv6FormsAreJudgedByTheIpv4AddressTheyCarry(String address, String range) {
        assertThat(AddressClassifier.classify(address(address))).isEqualTo(new AddressClass.Special(range, false));
    }

    @ParameterizedTest(name = "{0} is a metadata endpoint")
    @CsvSource(textBlock = """
            169.254.169.254
            169.254.170.2
            100.100.100.200
            192.0.0.192
            fd00:ec2::254
            64:ff9b::a9fe:a9fe
            2002:a9fe:a9fe::
            """)
    void cloudMetadataEndpointsAreMarked(String address) {
        assertThat(AddressClassifier.classify(address(address)))
                .isInstanceOfSatisfying(AddressClass.Special.class, special -> assertThat(special.metadata()).isTrue());
    }

    @ParameterizedTest(name = "{0}, IPv4-mapped, is judged as its IPv4 address")
    @CsvSource(textBlock = """
            ::ffff:10.0.0.1
            ::ffff:169.254.169.254
            ::ffff:127.0.0.1
            """)
    void ipv4MappedAddressesAreJudgedAsTheirIpv4Address(String address) {
        assertThat(AddressClassifier.classify(address(address))).isInstanceOf(AddressClass.Special.class);
    }

    /** A literal, never looked up; IPv4-mapped literals come back as their IPv4 address, as from a resolver. */
    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
