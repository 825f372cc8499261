package dev.gantry.integrations.callbacks;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.integrations.client.ConversationServiceApi.EventCallback;
import dev.gantry.integrations.config.IntegrationsConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts one event to one callback: the event as it is on the log (the envelope JSON, as the event stream
 * sends it), with its id, kind and a delivery id in headers, and, when the callback names a signing
 * secret, {@code X-Gantry-Signature: sha256=<hex HMAC-SHA256 of the body>}. Tried again, with a doubling
 * wait, on a connection failure, a timeout, 408, 429 and 5xx; a 2xx ends it, another 4xx gives up.
 */
@ApplicationScoped
class CallbackSender {

    static final String SIGNATURE_HEADER = "X-Gantry-Signature";
    private static final String HMAC = "HmacSHA256";
    private static final int MAX_BACKOFF_DOUBLINGS = 4;

    private final IntegrationsConfig.Callbacks config;
    private final HttpClient http;

    CallbackSender(IntegrationsConfig config) {
        this.config = config.callbacks();
        this.http = HttpClient.newBuilder()
                .connectTimeout(this.config.timeout())
                // a redirect could lead past the address guard
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Uni<Void> deliver(EventCallback callback, ConversationEvent event, String body, Optional<String> signingKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(callback.url()))
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Gantry-Callbacks/1")
                .header("X-Gantry-Event-Id", event.id().toString())
                .header("X-Gantry-Event-Kind", event.kind())
                // the same on every try, so a receiver can tell a retry from a new event
                .header("X-Gantry-Delivery", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        signingKey.ifPresent(key -> request.header(SIGNATURE_HEADER, "sha256=" + hmac(key, body)));
        HttpRequest built = request.build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(built, HttpResponse.BodyHandlers.discarding()))
                .onFailure(IOException.class).transform(e -> new DeliveryFailedException(e.toString(), true, e))
                .invoke(response -> check(response.statusCode()))
                .onFailure(e -> e instanceof DeliveryFailedException failed && failed.retryable()).retry()
                .withBackOff(config.backoff(), config.backoff().multipliedBy(1L << MAX_BACKOFF_DOUBLINGS))
                .atMost(Math.max(0, config.maxAttempts() - 1))
                .replaceWithVoid();
    }

    private static void check(int status) {
        if (status / 100 == 2) {
            return;
        }
        boolean retryable = status == 408 || status == 429 || status >= 500;
        throw new DeliveryFailedException("the receiver answered " + status, retryable, null);
    }

    static String hmac(String key, String body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
