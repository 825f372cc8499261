package dev.gantry.integrations.webhooks;

import dev.gantry.contracts.git.GitProvider;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * The headers of a provider's webhook that Gantry reads: the event's name, the delivery's id and the signature
 * (GitLab: the secret token itself).
 */
public record WebhookHeaders(String event, String deliveryId, String signature) {

    /** The header that carries the signature (or GitLab's token), for the messages that name it. */
    public static String signatureHeader(GitProvider provider) {
        return switch (provider) {
            case GITHUB -> "X-Hub-Signature-256";
            case GITLAB -> "X-Gitlab-Token";
            case BITBUCKET -> "X-Hub-Signature";
        };
    }

    public static String deliveryHeader(GitProvider provider) {
        return switch (provider) {
            case GITHUB -> "X-GitHub-Delivery";
            case GITLAB -> "X-Gitlab-Event-UUID";
            case BITBUCKET -> "X-Request-UUID";
        };
    }

    public static String eventHeader(GitProvider provider) {
        return switch (provider) {
            case GITHUB -> "X-GitHub-Event";
            case GITLAB -> "X-Gitlab-Event";
            case BITBUCKET -> "X-Event-Key";
        };
    }

    public static WebhookHeaders of(GitProvider provider, HttpHeaders headers) {
        return new WebhookHeaders(blankIsNull(headers.getHeaderString(eventHeader(provider))),
                blankIsNull(headers.getHeaderString(deliveryHeader(provider))),
                blankIsNull(headers.getHeaderString(signatureHeader(provider))));
    }

    private static String blankIsNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "WebhookHeaders[event=" + event + ", delivery=" + deliveryId + "]";
    }
}
