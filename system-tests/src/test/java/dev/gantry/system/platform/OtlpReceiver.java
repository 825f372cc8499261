package dev.gantry.system.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver on this machine, as an OpenTelemetry collector answers: the services export their
 * spans to it ({@code http/protobuf}, POST {@code /v1/traces}) and the tests read them back by trace id. It keeps
 * the latest {@value #MAX_SPANS} spans.
 */
public final class OtlpReceiver implements AutoCloseable {

    private static final int MAX_SPANS = 200_000;

    private final HttpServer server;
    private final ConcurrentLinkedDeque<ReceivedSpan> spans = new ConcurrentLinkedDeque<>();
    private final AtomicInteger count = new AtomicInteger();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    public static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/v1/traces", receiver::export);
        server.start();
        return receiver;
    }

    /** The endpoint to give the services (their {@code gantry.otel.endpoint}). */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The spans of one trace received so far. */
    public List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private void export(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            byte[] body;
            try (InputStream in = "gzip".equalsIgnoreCase(encoding)
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            List<ReceivedSpan> received;
            try {
                received = OtlpTraceDecoder.spans(body);
            } catch (RuntimeException unreadable) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            spans.addAll(received);
            for (int over = count.addAndGet(received.size()) - MAX_SPANS; over > 0; over--) {
                spans.pollFirst();
                count.decrementAndGet();
            }
            // an empty ExportTraceServiceResponse: everything accepted
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
