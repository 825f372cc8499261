package dev.gantry.gateway.auth;

import dev.gantry.gateway.config.GatewayConfig;
import io.smallrye.jwt.build.Jwt;
import java.util.Set;

/** Signs RS256 tokens with the embedded key pair, carrying the issuer and audience the gateway checks. */
public final class LocalTokenIssuer {

    private final GatewayConfig.Auth auth;
    private final LocalSigningKeys keys;

    public LocalTokenIssuer(GatewayConfig config) {
        this.auth = config.auth();
        this.keys = new LocalSigningKeys(config.dataDir());
    }

    /** A token whose subject is {@code userId}, in the given roles ({@code groups} claim). */
    public String issue(String userId, Set<String> roles) {
        return Jwt.issuer(auth.issuer())
                .audience(auth.audience())
                .subject(userId)
                .upn(userId)
                .groups(roles)
                .expiresIn(auth.localTokenLifetime())
                .sign(keys.privateKey());
    }
}
