package dev.gantry.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** While the gateway's key pair is replaced, services accept tokens of the old and the new key. */
class KeyRotationTest {

    private final KeyPair old = InternalKeys.generate();
    private final KeyPair next = InternalKeys.generate();
    private final Caller.User ann = new Caller.User("ann", Set.of());

    @Test
    void aServiceListingBothPublicKeysAcceptsTokensOfEither() {
        String both = pem(old) + "\n" + pem(next);
        UserTokenVerifier verifier = new UserTokenVerifier(InternalKeys.publicKeys(both));

        assertThat(verifier.verify(token(old, 60)).id()).isEqualTo("ann");
        assertThat(verifier.verify(token(next, 60)).id()).isEqualTo("ann");
    }

    @Test
    void base64KeysSeparatedByCommasAreReadToo() {
        String both = InternalKeys.base64(old.getPublic()) + "," + InternalKeys.base64(next.getPublic());

        assertThat(InternalKeys.publicKeys(both)).containsExactly(old.getPublic(), next.getPublic());
    }

    @Test
    void aKeyNoLongerListedVerifiesNothingAndAnExpiredTokenIsExpiredWhicheverKeySignedIt() {
        UserTokenVerifier verifier = new UserTokenVerifier(List.of(next.getPublic()));

        assertThatThrownBy(() -> verifier.verify(token(old, 60))).isInstanceOf(CallerRejectedException.class)
                .hasMessageContaining("not valid");
        UserTokenVerifier both = new UserTokenVerifier(List.of(old.getPublic(), next.getPublic()));
        assertThatThrownBy(() -> both.verify(token(next, -100))).isInstanceOf(CallerRejectedException.class)
                .hasMessageContaining("expired");
    }

    private String token(KeyPair pair, long secondsLeft) {
        Instant now = Instant.now();
        return UserTokenFormat.sign(pair.getPrivate(), ann, now.minusSeconds(200), now.plusSeconds(secondsLeft),
                UserTokenFormat.AUDIENCE);
    }

    private static String pem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
    }
}
