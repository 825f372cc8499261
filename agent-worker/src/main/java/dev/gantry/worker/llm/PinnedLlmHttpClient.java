package dev.gantry.worker.llm;

import dev.gantry.platform.net.OutboundHttpClient;
import dev.gantry.platform.net.OutboundResponse;
import dev.gantry.platform.net.RefusedUrlException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import io.vertx.core.http.HttpMethod;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * langchain4j's HTTP client for the LLM endpoint, under langchain4j's own OpenAI client: each request goes
 * through the platform's {@link OutboundHttpClient}, so the {@code baseUrl}'s host is resolved once, every
 * address checked by the outbound policy, and the connection made to the address checked (the URL's host
 * kept for {@code Host}, TLS name and certificate). A refused address fails before anything is sent. An
 * error answer becomes an {@link HttpException} carrying the status and a sanitised reason
 * ({@link UpstreamError}), never the body.
 */
final class PinnedLlmHttpClient implements HttpClient {

    /** The longest answer read; a chat completion is far smaller. */
    static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;
    private static final int FIRST_ERROR_STATUS = 400;

    private final OutboundHttpClient http;
    private final Duration timeout;

    PinnedLlmHttpClient(OutboundHttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        OutboundResponse response = send(request);
        if (response.status() >= FIRST_ERROR_STATUS) {
            throw new HttpException(response.status(), UpstreamError.reason(response.status(), response.body()));
        }
        if (response.truncated()) {
            throw new LlmTransportException("the endpoint's answer is longer than " + MAX_ANSWER_BYTES + " bytes", null);
        }
        return SuccessfulHttpResponse.builder()
                .statusCode(response.status())
                .headers(response.headers())
                .body(response.body())
                .build();
    }

    /**
     * The worker asks for whole answers; a streamed one is read to its end, through the same checks, and its
     * events are then handed over in order.
     */
    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        SuccessfulHttpResponse response;
        try {
            response = execute(request);
        } catch (RuntimeException e) {
            listener.onError(e);
            return;
        }
        listener.onOpen(response);
        parser.parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)), listener);
        listener.onClose();
    }

    private OutboundResponse send(HttpRequest request) {
        try {
            return http.send(HttpMethod.valueOf(request.method().name()), request.url(), headers(request.headers()),
                    request.body(), timeout)
                    // the request's own timeout ends it first; this bounds the address check as well
                    .toCompletableFuture().get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmTransportException("interrupted while waiting for the endpoint", e);
        } catch (TimeoutException e) {
            throw new LlmTransportException("the endpoint did not answer within " + timeout.toSeconds() + "s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RefusedUrlException refused) {
                throw refused;
            }
            throw new LlmTransportException("the endpoint could not be reached or did not answer", e.getCause());
        }
    }

    /** langchain4j's headers as one value each; the ones it sends (authorization, content type) have one. */
    private static Map<String, String> headers(Map<String, List<String>> headers) {
        Map<String, String> single = new LinkedHashMap<>();
        headers.forEach((name, values) -> single.put(name, String.join(", ", values)));
        return single;
    }

    /**
     * Builds clients over one shared {@link OutboundHttpClient}, with the chat model's timeout as read timeout;
     * the connect timeout is the shared client's own.
     */
    static final class Builder implements HttpClientBuilder {

        private final OutboundHttpClient http;
        private Duration connectTimeout;
        private Duration readTimeout;

        Builder(OutboundHttpClient http, Duration timeout) {
            this.http = http;
            this.connectTimeout = timeout;
            this.readTimeout = timeout;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            if (timeout != null) {
                this.connectTimeout = timeout;
            }
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            if (timeout != null) {
                this.readTimeout = timeout;
            }
            return this;
        }

        @Override
        public HttpClient build() {
            return new PinnedLlmHttpClient(http, readTimeout);
        }
    }
}
