package dev.gantry.platform.tracing;

import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C trace context in Kafka record headers, as the messaging channels (and other OpenTelemetry Kafka
 * instrumentations) write and read it, for the services' plain producers and consumers.
 */
public final class KafkaTraceHeaders {

    private KafkaTraceHeaders() {
    }

    /** Sets the context's {@code traceparent} (and {@code tracestate}) on the record's headers. */
    public static void inject(Tracing tracing, Context context, Headers headers) {
        tracing.inject(context, (name, value) -> {
            headers.remove(name);
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        });
    }

    /** The context the record's headers carry; the root context when they carry none. */
    public static Context extract(Tracing tracing, Headers headers) {
        return tracing.extract(name -> {
            Header header = headers.lastHeader(name);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        });
    }
}
