package dev.gantry.worker.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.platform.net.AddressPolicy;
import dev.gantry.platform.net.HostResolver;
import dev.gantry.testing.llm.ScriptedLlmServer;
import dev.langchain4j.data.message.UserMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The LLM client under the outbound policy, against the scripted OpenAI-compatible server on 127.0.0.1:
 * langchain4j's OpenAI client over {@link PinnedLlmHttpClient}, called directly (no retries).
 */
class LlmEndpointPolicyTest {

    private static final String MARKER = "MARKER-5ecret-AKIA0000";
    private static final HostResolver SYSTEM = HostResolver.SYSTEM;

    private static Vertx vertx;
    private static ScriptedLlmServer llm;

    private final String model = "scripted-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        llm = ScriptedLlmServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        llm.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aPrivateEndpointIsRefusedOutsideLocalModeAndNeverAsked() {
        llm.script(model).text("never sent");

        assertThatThrownBy(() -> chat(new AddressPolicy(false, SYSTEM), llm.baseUrl()))
                .isInstanceOf(LlmFailureException.class)
                .isNotInstanceOf(TransientLlmFailureException.class)
                .hasMessageContaining("baseUrl resolves to a non-public address: 127.0.0.1");
        assertThat(llm.requests(model)).isEmpty();
    }

    @Test
    void aCloudMetadataEndpointIsRefusedEvenLocally() {
        assertThatThrownBy(() -> chat(new AddressPolicy(true, SYSTEM), "http://169.254.169.254/latest"))
                .isInstanceOf(LlmFailureException.class)
                .hasMessageContaining("baseUrl resolves to a cloud metadata address: 169.254.169.254");
    }

    @Test
    void anErrorAnswerKeepsItsStatusButNotItsBody() {
        llm.script(model).raw(500, "text/plain", "AccessKeyId: " + MARKER + "\nSecretAccessKey: " + MARKER);

        assertThatThrownBy(() -> chat(new AddressPolicy(true, SYSTEM), llm.baseUrl()))
                .isInstanceOf(TransientLlmFailureException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageNotContaining(MARKER);
    }

    @Test
    void anErrorBodyInJsonOfAnotherShapeIsNotQuotedEither() {
        llm.script(model).raw(403, "application/json", "{\"detail\": \"" + MARKER + "\", \"error\": \"" + MARKER + "\"}");

        assertThatThrownBy(() -> chat(new AddressPolicy(true, SYSTEM), llm.baseUrl()))
                .hasMessageEndingWith("failed: HTTP 403")
                .hasMessageNotContaining(MARKER);
    }

    @Test
    void aSuccessfulAnswerThatIsNotACompletionIsNotQuoted() {
        llm.script(model).raw(200, "text/html", "<html>" + MARKER + "</html>");

        assertThatThrownBy(() -> chat(new AddressPolicy(true, SYSTEM), llm.baseUrl()))
                .isInstanceOf(LlmFailureException.class)
                .hasMessageNotContaining(MARKER);
    }

    @Test
    void theProvidersErrorMessageIsKeptShortAndWithoutControlCharacters() {
        String overlong = "This model's maximum context length is 8192 tokens.\u0000\u001b[31m" + "x".repeat(500);
        llm.script(model).add(new ScriptedLlmServer.Reply.Failure(400, overlong, Optional.empty()));

        assertThatThrownBy(() -> chat(new AddressPolicy(true, SYSTEM), llm.baseUrl()))
                .hasMessageContaining("HTTP 400: This model's maximum context length is 8192 tokens. [31mxxx")
                .satisfies(e -> {
                    String reason = e.getMessage().substring(e.getMessage().indexOf("HTTP 400: ") + "HTTP 400: ".length());
                    assertThat(reason).hasSizeLessThanOrEqualTo(UpstreamError.MAX_REASON).doesNotContain("\u0000", "\u001b");
                });
    }

    @Test
    void theConnectionGoesToTheAddressCheckedNotToALaterDnsAnswer() throws Exception {
        InetAddress checked = InetAddress.getByName("127.0.0.1");
        InetAddress rebound = InetAddress.getByName("127.0.0.2");
        AtomicInteger lookups = new AtomicInteger();
        // only 127.0.0.2 is private here, so that a "public" endpoint can run on this machine
        AddressPolicy policy = new AddressPolicy(false, host -> {
            if (!host.equals("llm.rebinding.test")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {lookups.getAndIncrement() == 0 ? checked : rebound};
        }) {
            @Override
            public Optional<String> refusal(InetAddress address) {
                return address.equals(rebound) ? Optional.of("resolves to a non-public address: 127.0.0.2")
                        : Optional.empty();
            }
        };
        String baseUrl = "http://llm.rebinding.test:" + URI.create(llm.baseUrl()).getPort() + "/v1";
        llm.script(model).text("from the checked address").text("never sent");

        // the name does not resolve on this machine: an answer proves the connection went to the checked address
        assertThat(chat(policy, baseUrl).message().text()).isEqualTo("from the checked address");
        assertThat(lookups).hasValue(1);
        assertThatThrownBy(() -> chat(policy, baseUrl)).hasMessageContaining("baseUrl resolves to a non-public address");
        assertThat(lookups).hasValue(2);
        assertThat(llm.requests(model)).hasSize(1);
    }

    private LlmReply chat(AddressPolicy policy, String baseUrl) {
        LlmCaller caller = DirectLlm.caller(vertx, policy, DirectLlm.options(List.of()), new SimpleMeterRegistry());
        return caller.chat(new LlmSettings(baseUrl, model, "sk-test", "user-1"), List.of(UserMessage.from("hello")),
                List.of());
    }
}
