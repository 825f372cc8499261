package dev.gantry.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceTokenVerifierTest {

    @Test
    void acceptsTheOldAndTheNewTokenOfAServiceWhileItIsRotated() {
        ServiceTokenVerifier verifier = new ServiceTokenVerifier(List.of(
                "agent-worker:" + ServiceTokenVerifier.digestOf("old"),
                " agent-worker:" + ServiceTokenVerifier.digestOf("new").toUpperCase(),
                "integrations-service:" + ServiceTokenVerifier.digestOf("integrations")));

        assertThat(verifier.serviceOf("old")).contains("agent-worker");
        assertThat(verifier.serviceOf("new")).contains("agent-worker");
        assertThat(verifier.serviceOf("integrations")).contains("integrations-service");
        assertThat(verifier.serviceOf("other")).isEmpty();
    }

    @Test
    void refusesToStartWithAnEntryThatIsNotServiceAndDigest() {
        assertThatThrownBy(() -> new ServiceTokenVerifier(List.of("agent-worker:" + ServiceTokenVerifier.digestOf("a"),
                "agent-worker:the-token-itself")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accepted-service-tokens[1]")
                .hasMessageNotContaining("the-token-itself");
    }

    @Test
    void digestIsTheHexSha256OfTheToken() {
        assertThat(ServiceTokenVerifier.digestOf("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
