package dev.gantry.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracingTest {

    private final List<SpanData> finished = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    finished.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            }))
            .build();
    private final Tracing tracing = new Tracing(OpenTelemetrySdk.builder().setTracerProvider(provider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build());

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aKafkaRecordCarriesTheTraceToTheSpanItsConsumerStarts() {
        RecordHeaders headers = new RecordHeaders();
        Span producer;
        try (Tracing.ActiveSpan publish = tracing.messaging("publish", "topic", SpanKind.PRODUCER, Context.root())) {
            producer = publish.span();
            KafkaTraceHeaders.inject(tracing, Context.current(), headers);
        }
        assertThat(headers.lastHeader(Tracing.TRACEPARENT)).isNotNull();

        Context received = KafkaTraceHeaders.extract(tracing, headers);
        try (Tracing.ActiveSpan process = tracing.messaging("process", "topic", SpanKind.CONSUMER, received)) {
            assertThat(process.span().getSpanContext().getTraceId()).isEqualTo(producer.getSpanContext().getTraceId());
        }
        SpanData consumer = finished.stream().filter(s -> s.getKind() == SpanKind.CONSUMER).findFirst().orElseThrow();
        assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanContext().getSpanId());
        assertThat(consumer.getName()).isEqualTo("process topic");
    }

    @Test
    void aStoredTraceparentContinuesTheTraceItWasTakenFrom() {
        String stored;
        String traceId;
        try (Tracing.ActiveSpan request = tracing.begin("request", SpanKind.SERVER, Context.root())) {
            stored = tracing.traceparent();
            traceId = request.span().getSpanContext().getTraceId();
        }
        assertThat(stored).startsWith("00-" + traceId + "-");

        try (Tracing.ActiveSpan relay = tracing.begin("relay", SpanKind.PRODUCER, tracing.fromTraceparent(stored))) {
            assertThat(relay.span().getSpanContext().getTraceId()).isEqualTo(traceId);
        }
    }

    @Test
    void withoutASpanNothingIsCarried() {
        assertThat(tracing.traceparent()).isNull();
        RecordHeaders headers = new RecordHeaders();
        KafkaTraceHeaders.inject(tracing, Context.root(), headers);
        assertThat(headers.toArray()).isEmpty();
        assertThat(Span.fromContext(KafkaTraceHeaders.extract(tracing, headers)).getSpanContext().isValid()).isFalse();
    }

    @Test
    void tracingOffRecordsAndCarriesNothing() {
        Tracing off = Tracing.off();
        try (Tracing.ActiveSpan span = off.begin("step", SpanKind.INTERNAL, Context.root())) {
            assertThat(off.traceparent()).isNull();
            assertThat(span.span().getSpanContext().isValid()).isFalse();
        }
    }
}
