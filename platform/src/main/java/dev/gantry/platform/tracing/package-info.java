/**
 * Traces across the services: OpenTelemetry, off unless {@code gantry.otel.endpoint} names an OTLP collector
 * ({@link dev.gantry.platform.tracing.TracingConfigSourceFactory}). Quarkus traces the REST servers and clients and
 * the messaging channels by itself; {@link dev.gantry.platform.tracing.Tracing} and
 * {@link dev.gantry.platform.tracing.KafkaTraceHeaders} carry the W3C trace context where the services use plain
 * Kafka clients, JDK HTTP clients or a table between two hops (conversation-service's outbox).
 */
package dev.gantry.platform.tracing;
