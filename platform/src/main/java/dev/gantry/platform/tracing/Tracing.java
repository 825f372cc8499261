package dev.gantry.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The services' own spans and the W3C trace context ({@code traceparent}) where Quarkus does not carry it: plain
 * Kafka clients, JDK HTTP clients, a row that waits in a table. With the SDK off every method is a no-op: nothing
 * is injected, extracted contexts are empty and spans are not recorded.
 */
@ApplicationScoped
public class Tracing {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    public static final AttributeKey<String> CONVERSATION_ID = AttributeKey.stringKey("gantry.conversation_id");

    private static final TextMapGetter<Function<String, String>> BY_NAME = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    @Inject
    public Tracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.gantry");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** Tracing that records and carries nothing: for classes built outside CDI, in tests. */
    public static Tracing off() {
        return new Tracing(OpenTelemetry.noop());
    }

    /** Writes the context's trace headers through {@code header} (name, value); nothing when it has no span. */
    public void inject(Context context, BiConsumer<String, String> header) {
        propagator.inject(context, header, (carrier, name, value) -> carrier.accept(name, value));
    }

    /** The context the trace headers that {@code header} (by name, null if absent) describe; the root if none. */
    public Context extract(Function<String, String> header) {
        return propagator.extract(Context.root(), header, BY_NAME);
    }

    /** The current context's trace headers, to store with what continues the trace later; empty when untraced. */
    public Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>();
        inject(Context.current(), headers::put);
        return headers;
    }

    /** The current {@code traceparent}, or null when there is no sampled span (or tracing is off). */
    public String traceparent() {
        return headers().get(TRACEPARENT);
    }

    /** The context a stored {@link #traceparent()} continues; the root context for null. */
    public Context fromTraceparent(String traceparent) {
        return traceparent == null ? Context.root() : extract(name -> TRACEPARENT.equals(name) ? traceparent : null);
    }

    /** Starts a span of {@code kind} under {@code parent} and makes it current until the returned span is closed. */
    public ActiveSpan begin(String name, SpanKind kind, Context parent) {
        Span span = tracer.spanBuilder(name).setSpanKind(kind).setParent(parent).startSpan();
        return new ActiveSpan(span, parent.with(span).makeCurrent());
    }

    /** A span for records published to or processed from a Kafka topic, current until closed. */
    public ActiveSpan messaging(String operation, String topic, SpanKind kind, Context parent) {
        Span span = messagingSpan(operation, topic, kind, parent);
        return new ActiveSpan(span, parent.with(span).makeCurrent());
    }

    /** A started span for records published to or processed from a Kafka topic; the caller ends it. */
    public Span messagingSpan(String operation, String topic, SpanKind kind, Context parent) {
        return tracer.spanBuilder(operation + " " + topic).setSpanKind(kind).setParent(parent)
                .setAttribute(MESSAGING_SYSTEM, "kafka").setAttribute(DESTINATION, topic).startSpan();
    }

    /** A started, current span: closing it ends it and restores the context that was current before. */
    public record ActiveSpan(Span span, Scope scope) implements AutoCloseable {

        /** The context this span is current in, to hand to work that continues elsewhere. */
        public Context context() {
            return Context.current().with(span);
        }

        public void failed(Throwable failure) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }
}
