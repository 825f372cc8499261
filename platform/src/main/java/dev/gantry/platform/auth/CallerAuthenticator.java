package dev.gantry.platform.auth;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a request's credential into its {@link Caller}: a user token in {@code Authorization: Bearer}, or a
 * service token in {@value InternalHeaders#SERVICE_TOKEN}; exactly one of them. Identity headers such as
 * {@code X-Gantry-User} are not read at all.
 */
@ApplicationScoped
public class CallerAuthenticator {

    private final UserTokenVerifier users;
    private final ServiceTokenVerifier services;

    public CallerAuthenticator(UserTokenVerifier users, ServiceTokenVerifier services) {
        this.users = users;
        this.services = services;
    }

    /** The caller; a 401 {@link CallerRejectedException} when the credential is missing, doubled or not valid. */
    public Caller authenticate(String authorization, String serviceToken) {
        boolean hasUserToken = authorization != null && !authorization.isBlank();
        boolean hasServiceToken = serviceToken != null && !serviceToken.isBlank();
        if (hasUserToken && hasServiceToken) {
            throw CallerRejectedException.unauthenticated("a request carries one credential, not both "
                    + InternalHeaders.AUTHORIZATION + " and " + InternalHeaders.SERVICE_TOKEN);
        }
        if (hasServiceToken) {
            return services.serviceOf(serviceToken).<Caller>map(Caller.Service::new).orElseThrow(() ->
                    CallerRejectedException.unauthenticated("the " + InternalHeaders.SERVICE_TOKEN + " is not valid"));
        }
        if (hasUserToken) {
            if (!authorization.regionMatches(true, 0, InternalHeaders.BEARER_PREFIX, 0,
                    InternalHeaders.BEARER_PREFIX.length())) {
                throw CallerRejectedException.unauthenticated("the " + InternalHeaders.AUTHORIZATION
                        + " header is not a Bearer token");
            }
            return users.verify(authorization.substring(InternalHeaders.BEARER_PREFIX.length()).strip());
        }
        throw CallerRejectedException.unauthenticated("a credential is required: a user token ("
                + InternalHeaders.AUTHORIZATION + ": Bearer) from the gateway, or a service's "
                + InternalHeaders.SERVICE_TOKEN);
    }

    /** Whether {@code route} admits {@code caller}; a 403 rejection when it does not. */
    public static void authorize(Caller caller, CalledBy route) {
        boolean allowed = switch (caller) {
            case Caller.User user -> route != null && route.users();
            case Caller.Service service -> route != null
                    && java.util.Arrays.asList(route.services()).contains(service.name());
        };
        if (!allowed) {
            throw CallerRejectedException.forbidden(switch (caller) {
                case Caller.User user -> "this route is not for users";
                case Caller.Service service -> "this route is not for the " + service.name();
            });
        }
    }
}
