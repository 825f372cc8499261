package dev.gantry.platform.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The RSA key pair of the gateway's internal user tokens, read from PEM or bare base64. */
public final class InternalKeys {

    private static final String ALGORITHM = "RSA";
    private static final int KEY_BITS = 2048;
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN PUBLIC KEY-----[A-Za-z0-9+/=\\s]+?-----END PUBLIC KEY-----");

    private InternalKeys() {
    }

    public static PublicKey publicKey(String encoded) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(encoded)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("gantry.auth.user-token.public-key is not an RSA public key "
                    + "(PEM, or the base64 of its X.509 encoding)", e);
        }
    }

    /**
     * One or more public keys: PEM blocks one after the other, or base64 encodings separated by commas or
     * white space (a service accepts tokens of every key listed while the gateway's pair is rotated).
     */
    public static List<PublicKey> publicKeys(String encoded) {
        List<String> parts = new ArrayList<>();
        Matcher pem = PEM_BLOCK.matcher(encoded);
        while (pem.find()) {
            parts.add(pem.group());
        }
        if (parts.isEmpty()) {
            for (String part : encoded.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    parts.add(part);
                }
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("gantry.auth.user-token.public-key is empty");
        }
        return parts.stream().map(InternalKeys::publicKey).toList();
    }

    public static PrivateKey privateKey(String encoded) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(encoded)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // the cause could quote the key: left out
            throw new IllegalArgumentException("gantry.auth.user-token.private-key is not an RSA private key "
                    + "(PEM, or the base64 of its PKCS#8 encoding)");
        }
    }

    /** A new pair, for tests and for tools that make a local installation's keys. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(KEY_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate RSA keys", e);
        }
    }

    /** The base64 of a key's standard encoding (X.509 or PKCS#8): a PEM body on one line. */
    public static String base64(java.security.Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    private static byte[] der(String encoded) {
        String body = encoded.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
