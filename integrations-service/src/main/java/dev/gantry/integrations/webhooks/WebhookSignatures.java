package dev.gantry.integrations.webhooks;

import dev.gantry.contracts.git.GitProvider;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a webhook against the repository's secret as each provider signs: GitHub's {@code X-Hub-Signature-256} and
 * Bitbucket's {@code X-Hub-Signature} are {@code sha256=<hex HMAC-SHA256 of the body>}; GitLab sends the secret
 * itself as {@code X-Gitlab-Token}. Every comparison takes the same time whatever matches.
 */
public final class WebhookSignatures {

    private static final String PREFIX = "sha256=";

    private WebhookSignatures() {
    }

    public static boolean valid(GitProvider provider, String secret, byte[] body, String signature) {
        if (signature == null || secret == null || secret.isEmpty()) {
            return false;
        }
        if (provider == GitProvider.GITLAB) {
            return MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
        }
        if (!signature.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.substring(PREFIX.length()).toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, body), given);
    }

    /** {@code sha256=<hex>} of the body, as GitHub and Bitbucket sign (tests and tools sign with it too). */
    public static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
