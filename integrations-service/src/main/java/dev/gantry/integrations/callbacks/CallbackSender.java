package dev.gantry.integrations.callbacks;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.integrations.client.ConversationServiceApi.EventCallback;
import dev.gantry.integrations.config.IntegrationsConfig;
import dev.gantry.platform.net.AddressPolicy;
import dev.gantry.platform.net.OutboundHttpClient;
import dev.gantry.platform.net.RefusedUrlException;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts one event to one callback: the event as it is on the log (the envelope JSON, as the event stream
 * sends it), with its id, kind, a delivery id and the time of the try ({@code X-Gantry-Timestamp}, epoch
 * seconds) in headers, and, when the callback names a signing secret,
 * {@code X-Gantry-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}. Tried again, with a doubling
 * wait, on a connection failure, a timeout, 408, 429 and 5xx; a 2xx ends it, another 4xx gives up. Each try
 * goes through the {@link AddressPolicy}: the URL's host is resolved once, every answer checked, and the
 * connection made to the address checked; a refused URL fails with {@link RefusedUrlException}, not tried again.
 */
@ApplicationScoped
class CallbackSender {

    static final String SIGNATURE_HEADER = "X-Gantry-Signature";
    static final String TIMESTAMP_HEADER = "X-Gantry-Timestamp";
    private static final String HMAC = "HmacSHA256";
    private static final int MAX_BACKOFF_DOUBLINGS = 4;
    /** A receiver's answer is not used: only its status; little of its body is read. */
    private static final int MAX_ANSWER_BYTES = 4096;

    private final IntegrationsConfig.Callbacks config;
    private final OutboundHttpClient http;

    CallbackSender(IntegrationsConfig config, Vertx vertx, AddressPolicy policy) {
        this.config = config.callbacks();
        this.http = new OutboundHttpClient(vertx, policy, this.config.timeout(), MAX_ANSWER_BYTES);
    }

    void close(@Observes ShutdownEvent shutdown) {
        http.close();
    }

    Uni<Void> deliver(EventCallback callback, ConversationEvent event, String body, Optional<String> signingKey) {
        // the same on every try, so a receiver can tell a retry from a new event
        String delivery = UUID.randomUUID().toString();
        return Uni.createFrom().completionStage(() -> http.send(HttpMethod.POST, callback.url(),
                        headers(event, delivery, body, signingKey), body, config.timeout()))
                .onFailure(e -> !(e instanceof RefusedUrlException))
                .transform(e -> new DeliveryFailedException(e.toString(), true, e))
                .invoke(response -> check(response.status()))
                .onFailure(e -> e instanceof DeliveryFailedException failed && failed.retryable()).retry()
                .withBackOff(config.backoff(), config.backoff().multipliedBy(1L << MAX_BACKOFF_DOUBLINGS))
                .atMost(Math.max(0, config.maxAttempts() - 1))
                .replaceWithVoid();
    }

    /** One try's headers: signed when it is sent, so that the timestamp a receiver checks for freshness is this try's. */
    private static Map<String, String> headers(ConversationEvent event, String delivery, String body, Optional<String> signingKey) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Gantry-Callbacks/1");
        headers.put("X-Gantry-Event-Id", event.id().toString());
        headers.put("X-Gantry-Event-Kind", event.kind());
        headers.put("X-Gantry-Delivery", delivery);
        headers.put(TIMESTAMP_HEADER, timestamp);
        signingKey.ifPresent(key -> headers.put(SIGNATURE_HEADER, "sha256=" + signature(key, timestamp, body)));
        return headers;
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
