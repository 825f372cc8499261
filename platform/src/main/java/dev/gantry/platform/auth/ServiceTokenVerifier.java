package dev.gantry.platform.auth;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells which service presented a token, by its SHA-256 digest: this service keeps only digests (which are
 * not secret), so reading its configuration gives no token away. Read at startup, so a malformed entry
 * stops the service instead of refusing calls later.
 */
@Startup
@ApplicationScoped
public class ServiceTokenVerifier {

    private static final Pattern ENTRY = Pattern.compile("([a-z][a-z0-9-]*):([0-9a-f]{64})");

    private final List<Accepted> accepted;

    @Inject
    ServiceTokenVerifier(InternalAuthConfig config) {
        this(config.acceptedServiceTokens().orElse(List.of()));
    }

    /** {@code entries} as {@link InternalAuthConfig#acceptedServiceTokens()} holds them. */
    public ServiceTokenVerifier(List<String> entries) {
        List<Accepted> parsed = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            var matcher = ENTRY.matcher(entries.get(i).strip().toLowerCase(java.util.Locale.ROOT));
            if (!matcher.matches()) {
                throw new IllegalArgumentException("gantry.auth.accepted-service-tokens[" + i
                        + "] is not '<service>:<64 hex digits of the SHA-256 of its token>'");
            }
            parsed.add(new Accepted(matcher.group(1), HexFormat.of().parseHex(matcher.group(2))));
        }
        this.accepted = List.copyOf(parsed);
    }

    /** The service whose token this is, or empty. Every digest is compared, in constant time each. */
    public Optional<String> serviceOf(String token) {
        byte[] presented = sha256(token);
        String match = null;
        for (Accepted candidate : accepted) {
            if (MessageDigest.isEqual(candidate.digest(), presented)) {
                match = candidate.service();
            }
        }
        return Optional.ofNullable(match);
    }

    /** The digest a verifier is configured with for {@code token}, as lower-case hex. */
    public static String digestOf(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private record Accepted(String service, byte[] digest) {
    }
}
