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
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts one event to one callback: the event as it is on the log (the envelope JSON, as the event stream
 * sends it), with its id, kind, a delivery id and the time of the try ({@code X-Gantry-Timestamp}, epoch
 * seconds) in headers, and, when the callback names a signing secret,
 * {@code X-Gantry-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}. Tried again, with a doubling
 * wait, on a connection failure, a timeout, 408, 429 and 5xx; a 2xx ends it, another 4xx gives up.
 */
@ApplicationScoped
class CallbackSender {

    static final String SIGNATURE_HEADER = "X-Gantry-Signature";
    static final String TIMESTAMP_HEADER = "X-Gantry-Timestamp";
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
        URI url = URI.create(callback.url());
        // the same on every try, so a receiver can tell a retry from a new event
        String delivery = UUID.randomUUID().toString();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request(url, event, delivery, body, signingKey),
                        HttpResponse.BodyHandlers.discarding()))
                .onFailure(IOException.class).transform(e -> new DeliveryFailedException(e.toString(), true, e))
                .invoke(response -> check(response.statusCode()))
                .onFailure(e -> e instanceof DeliveryFailedException failed && failed.retryable()).retry()
                .withBackOff(config.backoff(), config.backoff().multipliedBy(1L << MAX_BACKOFF_DOUBLINGS))
                .atMost(Math.max(0, config.maxAttempts() - 1))
                .replaceWithVoid();
    }

    /** One try: signed when it is sent, so that the timestamp a receiver checks for freshness is this try's. */
    private HttpRequest request(URI url, ConversationEvent event, String delivery, String body, Optional<String> signingKey) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Gantry-Callbacks/1")
                .header("X-Gantry-Event-Id", event.id().toString())
                .header("X-Gantry-Event-Kind", event.kind())
                .header("X-Gantry-Delivery", delivery)
                .header(TIMESTAMP_HEADER, timestamp)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        signingKey.ifPresent(key -> request.header(SIGNATURE_HEADER, "sha256=" + signature(key, timestamp, body)));
        return request.build();
    }

    private static void check(int status) {
        if (status / 100 == 2) {
            return;
        }
        boolean retryable = status == 408 || status == 429 || status >= 500;
        throw new DeliveryFailedException("the receiver answered " + status, retryable, null);
    }

    /** HMAC-SHA256 of {@code <timestamp>.<body>}: a receiver that checks the timestamp is not fooled by a replay. */
    static String signature(String key, String timestamp, String body) {
        return hmac(key, timestamp + "." + body);
    }

    private static String hmac(String key, String body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
