package dev.gantry.platform.net;

import static dev.gantry.platform.net.AddressClassifierTest.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    /** A resolver that knows a few names and IP literals, nothing else: no test depends on the machine's DNS. */
    private static final Map<String, String[]> NAMES = Map.of(
            "llm.example.com", new String[] {"93.184.216.34"},
            "internal.example.com", new String[] {"10.0.0.5"},
            "mixed.example.com", new String[] {"93.184.216.34", "192.168.1.4"},
            "localhost", new String[] {"127.0.0.1"});

    private static final HostResolver RESOLVER = host -> {
        if (host.startsWith("[") || host.matches("[0-9.]+")) {
            return InetAddress.getAllByName(host);
        }
        String[] answers = NAMES.get(host);
        if (answers == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] addresses = new InetAddress[answers.length];
        for (int i = 0; i < answers.length; i++) {
            addresses[i] = address(answers[i]);
        }
        return addresses;
    };

    private final AddressPolicy cluster = new AddressPolicy(false, RESOLVER);
    private final AddressPolicy local = new AddressPolicy(true, RESOLVER);

    @Test
    void aPublicHostIsTargetedAtTheAddressItResolvedTo() {
        OutboundTarget target = cluster.target("https://llm.example.com/v1/chat?x=1");

        assertThat(target.address()).isEqualTo(address("93.184.216.34"));
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.tls()).isTrue();
        assertThat(target.requestOptions().getServer().host()).isEqualTo("93.184.216.34");
        assertThat(target.requestOptions().getHost()).isEqualTo("llm.example.com");
        assertThat(target.requestOptions().getURI()).isEqualTo("/v1/chat?x=1");
        assertThat(target.requestOptions().getFollowRedirects()).isFalse();
    }

    @Test
    void aHostWithOnePrivateAnswerAmongPublicOnesIsRefused() {
        assertThatThrownBy(() -> cluster.target("http://mixed.example.com/"))
                .isInstanceOf(RefusedUrlException.class)
                .hasMessage("resolves to a non-public address: 192.168.1.4, private-use (192.168.0.0/16)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://internal.example.com/v1", "http://localhost:8080/", "http://127.0.0.1/", "http://[::1]:9/",
            "http://[::ffff:10.0.0.1]/", "http://[2002:a00:1::]/", "http://[64:ff9b::a00:1]/", "http://198.18.0.1/",
            "http://240.0.0.1/"})
    void aClusterRefusesNonPublicAddresses(String url) {
        assertThat(cluster.refusalToSave(url)).hasValueSatisfying(reason -> assertThat(reason).startsWith("resolves to a non-public address: "));
        assertThatThrownBy(() -> cluster.target(url)).isInstanceOf(RefusedUrlException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://internal.example.com/v1", "http://localhost:8080/", "http://[::1]:9/"})
    void theLocalPlatformAllowsPrivateAddresses(String url) {
        assertThat(local.refusalToSave(url)).isEmpty();
        assertThat(local.target(url).address()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://100.100.100.200/"})
    void cloudMetadataIsRefusedEvenWherePrivateAddressesAreAllowed(String url) {
        assertThat(local.refusalToSave(url)).hasValueSatisfying(reason -> assertThat(reason).startsWith("resolves to a cloud metadata address: "));
        assertThat(cluster.refusalToSave(url)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://llm.example.com/", "file:///etc/passwd", "gopher://llm.example.com/", "llm.example.com"})
    void onlyHttpAndHttpsAreCalled(String url) {
        assertThat(local.refusalToSave(url)).contains("must be an http or https URL");
    }

    @Test
    void aUrlWithUserInformationIsRefused() {
        assertThat(local.refusalToSave("http://admin:pw@llm.example.com/")).contains("must not carry user information (user:password@)");
    }

    @Test
    void anUnresolvableHostMayBeSavedButIsNotCalled() {
        assertThat(cluster.refusalToSave("https://not-yet.example.com/v1")).isEmpty();
        assertThatThrownBy(() -> cluster.target("https://not-yet.example.com/v1"))
                .isInstanceOf(UnresolvableHostException.class).hasMessage("names a host that does not resolve");
    }

    @Test
    void theHostIsResolvedOncePerTarget() {
        int[] lookups = new int[1];
        AddressPolicy counted = new AddressPolicy(false, host -> {
            lookups[0]++;
            return RESOLVER.resolve(host);
        });

        counted.target("https://llm.example.com/");

        assertThat(lookups[0]).isEqualTo(1);
    }
}
