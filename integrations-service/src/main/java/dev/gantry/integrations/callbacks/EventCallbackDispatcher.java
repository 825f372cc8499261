package dev.gantry.integrations.callbacks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.integrations.client.ConversationServiceApi.EventCallback;
import dev.gantry.integrations.config.IntegrationsConfig;
import dev.gantry.platform.net.RefusedUrlException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Posts each event of the log to the callbacks of its conversation's owner that ask for its kind, all of
 * them at once. The event's offset is committed once every delivery has ended, delivered or given up, so
 * a restart delivers again what was under way (at least once: receivers tell a repeat by the event id).
 * A callback whose delivery failed every try is suspended for a while, its deliveries dropped and logged,
 * so that a dead receiver holds up the others once, not at every event; one that refused an event (a 4xx)
 * is not. Callbacks are named by id in the
 * logs: their URLs may carry credentials.
 */
@ApplicationScoped
public class EventCallbackDispatcher {

    /** {@code gantry.callbacks.deliveries}, by outcome. */
    static final String DELIVERIES = "gantry.callbacks.deliveries";

    private final MeterRegistry meters;
    private final ObjectMapper json;
    private final CallbackDirectory directory;
    private final CallbackSender sender;
    private final Duration suspension;
    private final Map<String, Long> suspendedUntil = new ConcurrentHashMap<>();

    EventCallbackDispatcher(ObjectMapper json, CallbackDirectory directory, CallbackSender sender, IntegrationsConfig config,
            MeterRegistry meters) {
        this.meters = meters;
        this.json = json;
        this.directory = directory;
        this.sender = sender;
        this.suspension = config.callbacks().suspension();
    }

    @Incoming(Topics.CONVERSATION_EVENTS)
    public Uni<Void> onEvent(String record) {
        return ConversationEvent.fromRecord(json, record)
                .map(event -> post(event, record))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    /** Posts the event, {@code record} as it is on the topic, to each callback that asks for its kind. */
    private Uni<Void> post(ConversationEvent event, String record) {
        return directory.callbacksOf(event.conversationId())
                .chain(callbacks -> {
                    List<Uni<Void>> deliveries = callbacks.stream()
                            .filter(callback -> callback.eventKinds().contains(event.kind()))
                            .map(callback -> deliver(callback, event, record))
                            .toList();
                    return deliveries.isEmpty() ? Uni.createFrom().voidItem()
                            : Uni.join().all(deliveries).andCollectFailures().replaceWithVoid();
                })
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("event %d of conversation %s was not posted: its callbacks could not be read (%s)",
                            event.seq(), event.conversationId(), failure.toString());
                    return null;
                });
    }

    private Uni<Void> deliver(EventCallback callback, ConversationEvent event, String body) {
        String id = String.valueOf(callback.id());
        Long until = suspendedUntil.get(id);
        if (until != null && until - System.nanoTime() > 0) {
            Log.warnf("event %d of conversation %s not posted to callback %s: it is suspended after failed deliveries",
                    event.seq(), event.conversationId(), id);
            count("suspended");
            return Uni.createFrom().voidItem();
        }
        return signed(callback, event, body);
    }

    private void count(String outcome) {
        meters.counter(DELIVERIES, "outcome", outcome).increment();
    }

    private Uni<Void> signed(EventCallback callback, ConversationEvent event, String body) {
        String id = String.valueOf(callback.id());
        Uni<Optional<String>> key = callback.signingSecretName() == null ? Uni.createFrom().item(Optional.empty())
                : directory.signingKey(event.conversationId(), callback.signingSecretName()).map(Optional::of);
        return key.chain(signingKey -> sender.deliver(callback, event, body, signingKey))
                .invoke(() -> {
                    suspendedUntil.remove(id);
                    count("delivered");
                })
                .onFailure().recoverWithItem(failure -> {
                    if (failure instanceof RefusedUrlException refused) {
                        // the address policy's reason names the address, never the URL (it may carry credentials)
                        Log.warnf("event %d of conversation %s not posted to callback %s: its URL %s", event.seq(),
                                event.conversationId(), id, refused.getMessage());
                        count("address-refused");
                        return null;
                    }
                    if (failure instanceof DeliveryFailedException refused && !refused.retryable()) {
                        // the receiver said no to this event, or it could not be signed: the next one may go
                        Log.warnf("event %d of conversation %s was not posted to callback %s: %s", event.seq(),
                                event.conversationId(), id, failure.getMessage());
                        count("refused");
                        return null;
                    }
                    suspendedUntil.put(id, System.nanoTime() + suspension.toNanos());
                    Log.warnf("event %d of conversation %s could not be posted to callback %s (%s); the callback is"
                            + " suspended for %d s", event.seq(), event.conversationId(), id, failure.getMessage(),
                            suspension.toSeconds());
                    count("failed");
                    return null;
                });
    }
}
