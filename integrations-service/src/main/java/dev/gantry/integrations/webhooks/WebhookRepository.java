package dev.gantry.integrations.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.git.GitProvider;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The repository a payload is about, where each provider documents it: GitHub {@code repository.full_name} and
 * {@code repository.html_url}, GitLab {@code project.path_with_namespace} and {@code project.web_url}, Bitbucket
 * {@code repository.full_name} and {@code repository.links.html.href}. The host (with its port, if any) is the web
 * address's.
 */
public record WebhookRepository(String host, String repository) {

    public static Optional<WebhookRepository> of(GitProvider provider, JsonNode payload) {
        JsonNode node = provider == GitProvider.GITLAB ? payload.path("project") : payload.path("repository");
        String name = text(node, provider == GitProvider.GITLAB ? "path_with_namespace" : "full_name");
        String web = switch (provider) {
            case GITHUB -> text(node, "html_url");
            case GITLAB -> text(node, "web_url");
            case BITBUCKET -> text(node.path("links").path("html"), "href");
        };
        if (name == null) {
            return Optional.empty();
        }
        String host = provider.publicHost();
        if (web != null) {
            try {
                URI uri = URI.create(web);
                if (uri.getHost() != null) {
                    host = uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
                }
            } catch (IllegalArgumentException notAUrl) {
                // the provider's public host
            }
        }
        return Optional.of(new WebhookRepository(host, name));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
