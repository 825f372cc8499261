package dev.gantry.integrations.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

    private final AddressGuard cluster = new AddressGuard(false);
    private final AddressGuard local = new AddressGuard(true);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8081/internal", "http://localhost/x", "http://10.0.0.7/", "http://172.20.1.1/",
            "http://192.168.1.10/", "http://169.254.169.254/latest/meta-data/", "http://100.64.3.4/", "http://0.0.0.0/",
            "http://[::1]/", "http://[fd00::1]/", "http://[fe80::1]/"})
    void theClustersOwnAddressesAreRefused(String url) {
        assertThat(cluster.refusal(URI.create(url))).contains("is not a public address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hook", "http://8.8.8.8:8080/in", "https://[2606:4700:4700::1111]/x"})
    void publicAddressesAreAllowed(String url) {
        assertThat(cluster.refusal(URI.create(url))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://93.184.216.34/x", "file:///etc/passwd", "mailto:me@example.com"})
    void onlyHttpIsPosted(String url) {
        assertThat(cluster.refusal(URI.create(url))).isEqualTo("is not an http(s) URL with a host");
        assertThat(local.refusal(URI.create(url))).isEqualTo("is not an http(s) URL with a host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/hook", "http://localhost:9000/hook"})
    void theLocalPlatformMayPostToThisMachine(String url) {
        assertThat(local.refusal(URI.create(url))).isNull();
    }
}
