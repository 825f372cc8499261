package dev.gantry.sandbox.rest;

import dev.gantry.contracts.GantryHeaders;
import dev.gantry.sandbox.config.InternalApiConfig;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Tells a caller from the headers INTERNAL-API.md defines; a request with neither is refused. */
@Singleton
class CallerResolver {

    private final byte[] token;

    CallerResolver(InternalApiConfig config) {
        this.token = config.token().getBytes(StandardCharsets.UTF_8);
    }

    /** A user or an internal caller; 401 when neither header is there, or the token is wrong. */
    Caller resolve(String user, String internalToken) {
        if (internalToken != null) {
            if (!validToken(internalToken)) {
                throw new UnauthorizedException("the " + GantryHeaders.INTERNAL_TOKEN + " header is not valid");
            }
            return new Caller(Optional.ofNullable(user).filter(u -> !u.isBlank()), true);
        }
        if (user == null || user.isBlank()) {
            throw new UnauthorizedException("the " + GantryHeaders.USER + " or " + GantryHeaders.INTERNAL_TOKEN
                    + " header is required");
        }
        return new Caller(Optional.of(user), false);
    }

    /** Internal callers only: the token is required whoever the user is. */
    Caller resolveInternal(String internalToken) {
        if (internalToken == null || !validToken(internalToken)) {
            throw new UnauthorizedException("a valid " + GantryHeaders.INTERNAL_TOKEN + " header is required");
        }
        return new Caller(Optional.empty(), true);
    }

    /** Compared in constant time, so the answer time does not tell how much of a guess was right. */
    private boolean validToken(String candidate) {
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }
}
