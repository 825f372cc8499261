package dev.gantry.integrations.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.integrations.client.ConversationServiceApi.EventCallback;
import dev.gantry.integrations.config.IntegrationsConfig;
import dev.gantry.platform.net.AddressPolicy;
import dev.gantry.platform.net.RefusedUrlException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding against the callbacks' sender: the host's first answer passes the address check, every later
 * answer is the private address. The sender must connect to the address it checked, never to a fresh answer.
 * Two receivers listen on the same port, one on 127.0.0.2 (public in this test's policy) and one on
 * 127.0.0.1 (the platform's private address here).
 */
class CallbackSenderPinningTest {

    private static final String HOST = "rebinding.callbacks.test";
    private static final InetAddress CHECKED = literal("127.0.0.2");
    private static final InetAddress PRIVATE = literal("127.0.0.1");

    private final Vertx vertx = Vertx.vertx();
    private final List<String> atChecked = new CopyOnWriteArrayList<>();
    private final List<String> atPrivate = new CopyOnWriteArrayList<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private int port;

    /** Only 127.0.0.1 is private here, so that a "public" receiver can run on this machine. */
    private final AddressPolicy policy = new AddressPolicy(false, host -> new InetAddress[] {
            HOST.equals(host) && lookups.getAndIncrement() == 0 ? CHECKED : PRIVATE}) {
        @Override
        public Optional<String> refusal(InetAddress address) {
            return address.equals(PRIVATE) ? Optional.of("resolves to a non-public address: 127.0.0.1") : Optional.empty();
        }
    };

    @BeforeEach
    void receivers() throws Exception {
        HttpServer checked = vertx.createHttpServer()
                .requestHandler(request -> {
                    atChecked.add(request.host());
                    request.response().setStatusCode(204).end();
                })
                .listen(0, CHECKED.getHostAddress()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = checked.actualPort();
        vertx.createHttpServer()
                .requestHandler(request -> {
                    atPrivate.add(request.host());
                    request.response().setStatusCode(204).end();
                })
                .listen(port, PRIVATE.getHostAddress()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theConnectionGoesToTheCheckedAddressNotToALaterDnsAnswer() {
        sender().deliver(callback(), event(), "{}", Optional.empty()).await().atMost(Duration.ofSeconds(10));

        assertThat(atChecked).containsExactly(HOST + ":" + port);
        assertThat(atPrivate).isEmpty();
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aTryAfterTheAnswerTurnedPrivateIsRefusedNotSent() {
        CallbackSender sender = sender();
        sender.deliver(callback(), event(), "{}", Optional.empty()).await().atMost(Duration.ofSeconds(10));

        assertThatThrownBy(() -> sender.deliver(callback(), event(), "{}", Optional.empty()).await().atMost(Duration.ofSeconds(10)))
                .isInstanceOf(RefusedUrlException.class)
                .hasMessage("resolves to a non-public address: 127.0.0.1");
        assertThat(atPrivate).isEmpty();
    }

    private CallbackSender sender() {
        return new CallbackSender(new TestConfig(), vertx, policy);
    }

    private EventCallback callback() {
        return new EventCallback(UUID.randomUUID(), "http://" + HOST + ":" + port + "/hook", List.of("MessageEvent"), null);
    }

    private static ConversationEvent event() {
        return ConversationEvent.of(UUID.randomUUID(), 1, Instant.now(), EventSource.AGENT, new MessageEvent("hello"));
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private record TestConfig() implements IntegrationsConfig, IntegrationsConfig.Callbacks {

        @Override
        public Callbacks callbacks() {
            return this;
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(2);
        }

        @Override
        public int maxAttempts() {
            return 1;
        }

        @Override
        public Duration backoff() {
            return Duration.ofMillis(10);
        }

        @Override
        public Duration suspension() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration refresh() {
            return Duration.ofSeconds(1);
        }
    }
}
