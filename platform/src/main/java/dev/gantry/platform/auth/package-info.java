/**
 * Who calls an internal route, proved rather than claimed (docs/INTERNAL-API.md, "Caller identity"):
 * a user through the short-lived token the gateway signs for each call ({@link UserTokenIssuer},
 * {@link UserTokenVerifier}), or a platform service through its own token ({@link ServiceTokenVerifier}).
 * {@link InternalCallerFilter} refuses every route whose {@link CalledBy} the caller does not match;
 * {@link CurrentCaller} is the verified caller a resource acts for; {@link ServiceCredentialFilter} sends
 * this service's token on its own calls.
 */
package dev.gantry.platform.auth;
