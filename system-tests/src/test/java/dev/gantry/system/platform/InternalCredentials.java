package dev.gantry.system.platform;

import dev.gantry.platform.auth.Caller;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.platform.auth.InternalKeys;
import dev.gantry.platform.auth.ServiceNames;
import dev.gantry.platform.auth.ServiceTokenVerifier;
import dev.gantry.platform.auth.UserTokenFormat;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The internal-auth credentials of one platform run, made fresh as {@code ./gantry up} makes them: the
 * gateway's key pair for user tokens and each calling service's own token. Each service's environment gets
 * only its part: the private key the gateway alone, a service token only its service.
 */
public record InternalCredentials(KeyPair userTokenKeys, Map<String, String> serviceTokens) {

    private static final List<String> CALLERS =
            List.of(ServiceNames.GATEWAY, ServiceNames.AGENT_WORKER, ServiceNames.INTEGRATIONS_SERVICE);

    public static InternalCredentials generate() {
        SecureRandom random = new SecureRandom();
        Map<String, String> tokens = new HashMap<>();
        for (String caller : CALLERS) {
            byte[] token = new byte[32];
            random.nextBytes(token);
            tokens.put(caller, Base64.getUrlEncoder().withoutPadding().encodeToString(token));
        }
        return new InternalCredentials(InternalKeys.generate(), Map.copyOf(tokens));
    }

    /** The {@code GANTRY_AUTH_*} variables of one service. */
    public Map<String, String> environmentOf(String service) {
        Map<String, String> environment = new HashMap<>();
        if (ServiceNames.GATEWAY.equals(service)) {
            environment.put("GANTRY_AUTH_USER_TOKEN_PRIVATE_KEY", InternalKeys.base64(userTokenKeys.getPrivate()));
        } else {
            environment.put("GANTRY_AUTH_USER_TOKEN_PUBLIC_KEY", InternalKeys.base64(userTokenKeys.getPublic()));
            environment.put("GANTRY_AUTH_ACCEPTED_SERVICE_TOKENS", acceptedServiceTokens());
        }
        String own = serviceTokens.get(service);
        if (own != null) {
            environment.put("GANTRY_AUTH_SERVICE_TOKEN", own);
        }
        return environment;
    }

    /** The token a test presents to act as one of the calling services. */
    public String serviceToken(String service) {
        return serviceTokens.get(service);
    }

    /** The {@code Authorization} value the gateway would send to a service for this user. */
    public String userAuthorization(String userId) {
        java.time.Instant now = java.time.Instant.now();
        return InternalHeaders.bearer(UserTokenFormat.sign(userTokenKeys.getPrivate(),
                new Caller.User(userId, java.util.Set.of()), now, now.plusSeconds(60), UserTokenFormat.AUDIENCE));
    }

    private String acceptedServiceTokens() {
        return serviceTokens.entrySet().stream()
                .map(entry -> entry.getKey() + ":" + ServiceTokenVerifier.digestOf(entry.getValue()))
                .sorted().collect(Collectors.joining(","));
    }
}
