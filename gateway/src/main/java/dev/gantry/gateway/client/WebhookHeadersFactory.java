package dev.gantry.gateway.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Copies the git providers' webhook headers (event name, delivery id, signature, token) of the
 * inbound request onto the call to integrations-service. Only these: the caller's Authorization
 * header never leaves the gateway.
 */
@ApplicationScoped
public class WebhookHeadersFactory implements ClientHeadersFactory {

    /** GitHub, Gitea/Forgejo, GitLab, Bitbucket (its signature is X-Hub-Signature). */
    private static final List<String> PROVIDER_PREFIXES = List.of(
            "x-github-", "x-hub-signature", "x-gitlab-", "x-gitea-", "x-forgejo-", "x-event-key", "x-request-uuid");

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>(outgoing);
        incoming.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (PROVIDER_PREFIXES.stream().anyMatch(lower::startsWith)) {
                headers.put(name, values);
            }
        });
        return headers;
    }
}
