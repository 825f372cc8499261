package dev.gantry.platform.auth;

import io.smallrye.config.SmallRyeConfig;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Sends this service's own token ({@code gantry.auth.service-token}) on every call of a REST client that
 * registers it ({@code @RegisterProvider(ServiceCredentialFilter.class)}). Not a global provider: a client
 * to anything outside the platform never carries it.
 */
public class ServiceCredentialFilter implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        String token = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
                .getConfigMapping(InternalAuthConfig.class).serviceToken()
                .orElseThrow(() -> new IllegalStateException(
                        "gantry.auth.service-token is not set: this service cannot call the others"));
        request.getHeaders().putSingle(InternalHeaders.SERVICE_TOKEN, token);
    }
}
