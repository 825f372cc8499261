package dev.gantry.gateway.support;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import dev.gantry.platform.auth.Caller;
import dev.gantry.platform.auth.CallerAuthenticator;
import dev.gantry.platform.auth.CallerRejectedException;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.platform.auth.InternalKeys;
import dev.gantry.platform.auth.ServiceNames;
import dev.gantry.platform.auth.ServiceTokenVerifier;
import dev.gantry.platform.auth.UserTokenVerifier;
import dev.gantry.testing.auth.TestCallers;
import java.util.List;
import java.util.Optional;

/**
 * What the platform's services accept from the gateway, checked the way they check it (the platform's
 * {@link CallerAuthenticator} with test-support's public key and the gateway's test token): a user token
 * signed for the user, or the gateway's own token; never an identity header of the old scheme.
 */
public final class InternalCredentials {

    /** Headers that once named the caller; a downstream call that carries one is refused. */
    public static final List<String> RETIRED_HEADERS = List.of("X-Gantry-User", "X-Gantry-Roles",
            "X-Gantry-Internal-Token");

    private static final CallerAuthenticator AUTHENTICATOR = new CallerAuthenticator(
            new UserTokenVerifier(Optional.of(InternalKeys.publicKey(TestCallers.PUBLIC_KEY))),
            new ServiceTokenVerifier(List.of(ServiceNames.GATEWAY + ":"
                    + ServiceTokenVerifier.digestOf(TestCallers.GATEWAY_TOKEN))));

    private InternalCredentials() {
    }

    /** Who a service would take the request to come from; empty when it would answer 401. */
    public static Optional<Caller> callerOf(Request request) {
        if (RETIRED_HEADERS.stream().anyMatch(request::containsHeader)) {
            return Optional.empty();
        }
        try {
            return Optional.of(AUTHENTICATOR.authenticate(header(request, InternalHeaders.AUTHORIZATION),
                    header(request, InternalHeaders.SERVICE_TOKEN)));
        } catch (CallerRejectedException rejected) {
            return Optional.empty();
        }
    }

    /** Requests a service would answer 401. */
    public static ValueMatcher<Request> refused() {
        return request -> MatchResult.of(callerOf(request).isEmpty());
    }

    /** Requests made for this user, who is not an admin. */
    public static ValueMatcher<Request> asUser(String userId) {
        return request -> MatchResult.of(callerOf(request).filter(caller -> caller instanceof Caller.User user
                && user.id().equals(userId) && !user.admin()).isPresent());
    }

    /** Requests made for this user with the admin role. */
    public static ValueMatcher<Request> asAdmin(String userId) {
        return request -> MatchResult.of(callerOf(request).filter(caller -> caller instanceof Caller.User user
                && user.id().equals(userId) && user.admin()).isPresent());
    }

    /** Requests the gateway made as itself. */
    public static ValueMatcher<Request> asTheGateway() {
        return request -> MatchResult.of(callerOf(request)
                .filter(caller -> caller.equals(new Caller.Service(ServiceNames.GATEWAY))).isPresent());
    }

    private static String header(Request request, String name) {
        return request.containsHeader(name) ? request.getHeader(name) : null;
    }
}
