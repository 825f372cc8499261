package dev.gantry.platform.net;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * HTTP to URLs users name. Each request's host is resolved once and checked by the {@link AddressPolicy}
 * on a worker thread, then the connection goes to exactly the address checked ({@link OutboundTarget});
 * redirects are not followed, and the answer's body is read up to a limit (the rest is not read, the
 * stream is reset). Connections are pooled by
 * that address, so a connection to one address is never reused for another.
 */
public final class OutboundHttpClient implements AutoCloseable {

    private final Vertx vertx;
    private final AddressPolicy policy;
    private final HttpClient http;
    private final int maxBodyBytes;

    public OutboundHttpClient(Vertx vertx, AddressPolicy policy, Duration connectTimeout, int maxBodyBytes) {
        this.vertx = vertx;
        this.policy = policy;
        this.maxBodyBytes = maxBodyBytes;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setVerifyHost(true)
                .setForceSni(true));
    }

    /**
     * Sends one request. Fails with {@link RefusedUrlException} when the URL or an address of its host is
     * refused, with an {@link java.io.IOException} or Vert.x's own failure when the endpoint cannot be
     * reached or answers too late.
     */
    public CompletionStage<OutboundResponse> send(HttpMethod method, String url, Map<String, String> headers,
            String body, Duration timeout) {
        Future<OutboundTarget> target = vertx.executeBlocking(() -> policy.target(url), false);
        return target.compose(checked -> {
            RequestOptions request = checked.requestOptions().setMethod(method).setTimeout(timeout.toMillis());
            headers.forEach(request::putHeader);
            return http.request(request)
                    .compose(sent -> body == null ? sent.send() : sent.send(Buffer.buffer(body, StandardCharsets.UTF_8.name())))
                    .compose(this::read);
        }).toCompletionStage();
    }

    private Future<OutboundResponse> read(HttpClientResponse response) {
        Buffer body = Buffer.buffer();
        Promise<OutboundResponse> answer = Promise.promise();
        response.exceptionHandler(answer::tryFail);
        response.handler(chunk -> {
            if (answer.future().isComplete()) {
                return;
            }
            if (body.length() + chunk.length() > maxBodyBytes) {
                body.appendBuffer(chunk, 0, maxBodyBytes - body.length());
                answer.tryComplete(answer(response, body, true));
                response.request().reset();
                return;
            }
            body.appendBuffer(chunk);
        });
        response.endHandler(end -> answer.tryComplete(answer(response, body, false)));
        return answer.future();
    }

    private static OutboundResponse answer(HttpClientResponse response, Buffer body, boolean truncated) {
        return new OutboundResponse(response.statusCode(), headers(response.headers()), body.toString(StandardCharsets.UTF_8),
                truncated);
    }

    private static Map<String, List<String>> headers(MultiMap headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        headers.names().forEach(name -> map.put(name, headers.getAll(name)));
        return map;
    }

    @Override
    public void close() {
        http.close();
    }
}
